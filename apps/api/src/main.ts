import 'reflect-metadata';
import { ConfigError, createRootLogger, loadConfig } from '@app/platform';
import { DigestScheduler } from '@app/audit';
import { ReferenceVoidScheduler } from '@app/cases';
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
  if (config.host) await app.listen(config.port, config.host);
  else await app.listen(config.port);
  app.get(DigestScheduler).start();
  app.get(ReferenceVoidScheduler).start();
  const url = config.host ? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}` : null;
  const devOnly =
    !config.auth.jwksUrl && config.host === '127.0.0.1' ? '; development mode: this machine only, set HOST to listen on others' : '';
  logger.info(
    { host: config.host ?? '*', port: config.port, store: config.eventStoreConnectionString ? 'esdb' : 'sqlite', dataDir: config.dataDir },
    `Synpunkt API listening on ${url ?? `port ${config.port} of every interface`} (docs at /api/docs${devOnly})`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`Synpunkt API could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
