import 'reflect-metadata';
import { ConfigError, createRootLogger, loadConfig } from '@app/platform';
import { DigestScheduler } from '@app/audit';
import { createApp } from './create-app';

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
  if (!config.auth.jwksUrl) {
    logger.warn(
      'DEVELOPMENT MODE: tokens are signed with a development secret; set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE in production',
    );
  }
  const app = await createApp({ config, logger });
  await app.listen(config.port);
  app.get(DigestScheduler).start();
  logger.info(
    { port: config.port, store: config.eventStoreConnectionString ? 'esdb' : 'sqlite', dataDir: config.dataDir },
    `Synpunkt API listening on http://localhost:${config.port} (docs at /api/docs)`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`Synpunkt API could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
