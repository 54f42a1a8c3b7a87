import { INestApplication } from '@nestjs/common';
import { join } from 'node:path';
import { createEventStore, EventStore } from '@app/event-store';
import { AppConfig, DATA_DIR_LOCK_FILE, DataDirLock, loadConfig, secureDataDir } from '@app/platform';
import { createApp } from '../../api/src/create-app';
import { CliContext } from './cli-context';

/**
 * A command that writes (rebuild, gallring, import) never races the API on the same DATA_DIR: while the API's primary
 * holds the lock it is refused, with `how` it is done through the running API instead.
 */
export function refuseBesideRunningApi(config: AppConfig, how: string): void {
  const holder = DataDirLock.holder(join(config.dataDir, DATA_DIR_LOCK_FILE));
  if (holder) {
    throw new Error(
      `the Synpunkt API is running on this DATA_DIR (pid ${holder.pid} on ${holder.host}), and this command would race it: ${how}`,
    );
  }
}

/**
 * The app's configuration for a CLI command that runs the whole application in its process: never with the outbox's
 * mail server. A command is short-lived (a send could be cut off mid-way) and the seed walks a clock through a past
 * year; e-mail it queues waits for the API's outbox (and its MAIL_MAX_AGE_HOURS).
 */
export function cliAppConfig(env: NodeJS.ProcessEnv, logLevel: string): AppConfig {
  return loadConfig({ ...env, LOG_LEVEL: logLevel, SMTP_URL: undefined, MAIL_FROM: undefined });
}

/**
 * The whole application in this one process, initialised but not listening: for commands that need its modules
 * (gallring, rebuild). `how`: see refuseBesideRunningApi.
 */
export async function withApp<T>(ctx: CliContext, run: (app: INestApplication) => Promise<T>, how?: string): Promise<T> {
  const config = cliAppConfig(ctx.env, ctx.env.LOG_LEVEL ?? 'warn');
  if (how) refuseBesideRunningApi(config, how);
  const app = await createApp({ config });
  await app.init();
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

/** The event store as stored (personal data stays sealed): for verify, export and import. */
export async function withStore<T>(ctx: CliContext, run: (store: EventStore, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...ctx.env, LOG_LEVEL: 'silent' });
  // The embedded log lives under DATA_DIR: owner-only, as the API makes it (withApp gets this from the platform).
  if (!config.eventStoreConnectionString)
    secureDataDir(config.dataDir, { keyStorePath: config.keyStorePath, eventStorePath: config.eventStorePath });
  const store = createEventStore({
    dataDir: config.dataDir,
    eventStoreConnectionString: config.eventStoreConnectionString,
    eventStorePath: config.eventStorePath,
    clock: ctx.clock,
  });
  try {
    return await run(store, config);
  } finally {
    await store.close();
  }
}
