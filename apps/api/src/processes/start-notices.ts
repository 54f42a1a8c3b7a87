import type { Logger } from 'pino';
import { isDevelopmentMode, isLoopbackHost } from '@app/auth';
import { AppConfig } from '@app/platform';

const developmentMode = (config: AppConfig) => isDevelopmentMode(config.auth);
const thisMachineOnly = (config: AppConfig) => config.host !== undefined && isLoopbackHost(config.host);

/** At warn, so that LOG_LEVEL=warn still shows it: development mode accepts tokens signed with a public secret. */
export function warnDevelopmentMode(config: AppConfig, logger: Logger): void {
  if (!developmentMode(config)) return;
  const reach = thisMachineOnly(config)
    ? `it listens on ${config.host} only (this machine); set HOST to listen on others`
    : `it listens on ${config.host ?? 'every interface'}, so other machines can reach it`;
  logger.warn(
    `DEVELOPMENT MODE: tokens signed with the development secret are accepted, and ${reach}; set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE in production`,
  );
}

/** The "listening" line: where, with which processes, and whether in development mode. */
export function announceListening(config: AppConfig, logger: Logger, port: number, processes: string): void {
  const url = config.host ? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}` : null;
  const mode = !developmentMode(config)
    ? ''
    : thisMachineOnly(config)
      ? '; development mode: this machine only, set HOST to listen on others'
      : '; development mode: development tokens are accepted';
  logger.info(
    { host: config.host ?? '*', port, store: config.eventStoreConnectionString ? 'esdb' : 'sqlite', dataDir: config.dataDir, processes },
    `Synpunkt API listening on ${url ?? `port ${port} of every interface`} with ${processes} (docs at /api/docs${mode})`,
  );
}
