// The whole Synpunkt app on a fresh embedded store, for api.intake.
import 'reflect-metadata';
import { loadConfig } from '@app/platform';
import { createApp } from '../apps/api/src/create-app';

async function main(): Promise<void> {
  const config = loadConfig({ DATA_DIR: process.argv[2], LOG_LEVEL: 'silent', PORT: '3000' });
  const app = await createApp({ config });
  await app.listen(0, '127.0.0.1');
  process.send?.({ port: (app.getHttpServer().address() as { port: number }).port });
}

void main();
