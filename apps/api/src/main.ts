import 'reflect-metadata';
import cluster from 'node:cluster';
import { AppConfig, ConfigError, createRootLogger, loadConfig } from '@app/platform';
import type { Logger } from 'pino';
import { createApp } from './create-app';
import { listen, runProjector, runWorker, startSchedulers } from './processes/children';
import { Primary, ROLE_ENV } from './processes/primary';
import { announceListening, warnDevelopmentMode } from './processes/start-notices';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createRootLogger(config.logLevel);
  const role = cluster.isWorker ? process.env[ROLE_ENV] : undefined;
  if (role === 'worker') return runWorker(config, logger);
  if (role === 'projector') return runProjector(config, logger);
  warnDevelopmentMode(config, logger);
  if (config.workers === 0) return runSingle(config, logger);
  const primary = new Primary(config, logger);
  const stop = (signal: NodeJS.Signals) => {
    logger.info(`${signal}: draining the HTTP workers, then stopping the projector`);
    void primary.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const { port } = await primary.start();
  announceListening(config, logger, port, `${config.workers} HTTP worker${config.workers === 1 ? '' : 's'} and a projector`);
  process.send?.({ synpunkt: 'listening', port }); // to a parent that forked the primary (tests, benchmarks)
}

/** WORKERS=0: HTTP, projections and schedulers in this one process. */
async function runSingle(config: AppConfig, logger: Logger): Promise<void> {
  const app = await createApp({ config, logger });
  const port = await listen(app, config);
  startSchedulers(app);
  announceListening(config, logger, port, 'one process');
  process.send?.({ synpunkt: 'listening', port });
}

main().catch((err: unknown) => {
  process.stderr.write(`Synpunkt API could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
