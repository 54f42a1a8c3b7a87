import { INestApplication } from '@nestjs/common';
import { createEventStore, EventStore } from '@app/event-store';
import { AppConfig, loadConfig, secureDataDir } from '@app/platform';
import { createApp } from '../../api/src/create-app';
import { CliContext } from './cli-context';

/** The whole application, initialised but not listening: for commands that need its modules (gallring, rebuild). */
export async function withApp<T>(ctx: CliContext, run: (app: INestApplication) => Promise<T>): Promise<T> {
  const app = await createApp({ config: loadConfig({ ...ctx.env, LOG_LEVEL: ctx.env.LOG_LEVEL ?? 'warn' }) });
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
  if (!config.eventStoreConnectionString) secureDataDir(config.dataDir, { keyStorePath: config.keyStorePath });
  const store = createEventStore({
    dataDir: config.dataDir,
    eventStoreConnectionString: config.eventStoreConnectionString,
    clock: ctx.clock,
  });
  try {
    return await run(store, config);
  } finally {
    await store.close();
  }
}
