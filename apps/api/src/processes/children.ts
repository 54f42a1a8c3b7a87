import { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { DigestScheduler } from '@app/audit';
import { ReferenceVoidScheduler } from '@app/cases';
import { AppConfig, ProcessMessage } from '@app/platform';
import { createApp } from '../create-app';

/** Runs the schedulers of the one process that runs them (the projector, or the single process of WORKERS=0). */
export function startSchedulers(app: INestApplication): void {
  app.get(DigestScheduler).start();
  app.get(ReferenceVoidScheduler).start();
}

export async function listen(app: INestApplication, config: AppConfig): Promise<number> {
  if (config.host) await app.listen(config.port, config.host);
  else await app.listen(config.port);
  return (app.getHttpServer().address() as { port: number }).port;
}

const tell = (message: ProcessMessage) => process.send?.(message);

/**
 * A child that outlives its primary (killed with SIGKILL, so it could not stop its children) closes and exits: its port
 * went with the primary, and a new primary would start children of its own.
 */
function exitWithPrimary(app: INestApplication, logger: Logger): void {
  process.once('disconnect', () => {
    logger.warn('the primary is gone; stopping');
    void app.close().finally(() => process.exit(0));
  });
}

/** An HTTP worker: commands and reads on the shared port; the read models opened for reading; no projections. */
export async function runWorker(config: AppConfig, logger: Logger): Promise<void> {
  const app = await createApp({ config, logger, role: 'worker' });
  exitWithPrimary(app, logger);
  const port = await listen(app, config);
  tell({ synpunkt: 'ready', port });
}

/** The projector: every projection, reactor and scheduler, and the only writer of the read models; no HTTP. */
export async function runProjector(config: AppConfig, logger: Logger): Promise<void> {
  const app = await createApp({ config, logger, role: 'projector' });
  exitWithPrimary(app, logger);
  await app.init(); // the runner starts here, from every checkpoint
  startSchedulers(app);
  tell({ synpunkt: 'ready' });
}
