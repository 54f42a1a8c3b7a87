import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrimary } from './primary-harness';

/** A child that cannot start (here: its port is taken) fails the primary's start; it is not "restarted". */
describe('the primary’s first start on a busy port', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-busy-port-'));
  let busy: Server;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says it could not start, and nothing about restarting the worker', async () => {
    const port = (busy.address() as { port: number }).port;
    const failed = await startPrimary({ DATA_DIR: dataDir, WORKERS: '1', HOST: '127.0.0.1', PORT: String(port) }).then(
      () => new Error('the primary started on a busy port'),
      (err: Error) => err,
    );
    expect(failed.message).toMatch(/the primary exited \(1\) while starting/);
    expect(failed.message).toMatch(new RegExp(`could not start: .*EADDRINUSE 127\\.0\\.0\\.1:${port}`));
    expect(failed.message).toMatch(/could not start: the worker exited while starting/);
    expect(failed.message).not.toMatch(/restarting it|restarted/);
  }, 120_000);
});
