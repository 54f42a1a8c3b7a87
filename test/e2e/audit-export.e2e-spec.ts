import { request as httpRequest, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { AuditEventsController } from '@app/audit';
import { EVENT_STORE, EventStore, ReadAllOptions } from '@app/event-store';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const PAGE = 2000; // the export's page size
/** Polls a condition, bounded: no sleeping and hoping. */

describe('an audit export whose client goes away', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('stops reading the log and lets go of the response', async () => {
    t = await startTestApp();
    const store = t.app.get<EventStore>(EVENT_STORE);
    for (let s = 0; s < 4; s++) {
      const events = Array.from({ length: 1500 }, (_, i) => ({ type: 'Filler.v1', data: { i, text: 'x'.repeat(200) }, metadata: {} }));
      await store.append(`filler-${s}`, events);
    }
    // Count the export's page reads (the projections read the log too); the second waits until the server saw the client go.
    let serverSocketClosed!: () => void;
    const clientGone = new Promise<void>((resolve) => (serverSocketClosed = resolve));
    const original = store.readAll.bind(store);
    let pages = 0;
    store.readAll = async (options?: ReadAllOptions) => {
      if (options?.limit !== PAGE || options.types || options.streamPrefix) return original(options);
      if (++pages === 2) await clientGone;
      return original(options);
    };

    await t.app.listen(0, '127.0.0.1');
    const server = t.app.getHttpServer() as Server;
    server.once('connection', (socket: Socket) => socket.once('close', serverSocketClosed));
    const exports = t.app.get(AuditEventsController);
    const { port } = server.address() as AddressInfo;
    const auth = await t.as('admin');

    const firstChunk = await new Promise<Buffer>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/audit/export', headers: { ...auth, Connection: 'close' } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk);
        });
      });
      req.on('error', () => undefined); // destroyed on purpose
      req.once('response', (res) => res.statusCode !== 200 && reject(new Error(`status ${res.statusCode}`)));
      req.end();
    });
    expect(firstChunk.length).toBeGreaterThan(0);

    await clientGone;
    await until('the export ended', () => (exports.openExports === 0 ? true : undefined));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2); // of the three pages the log fills: the export returned, so no more follow
  });
});
