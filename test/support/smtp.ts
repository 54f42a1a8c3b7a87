import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 in the test process: what arrives over the socket is what the submitter gets.
 * `refuse`: addresses refused for good (550). `busy(n)`: the next n recipients are refused for now (451, try again
 * later). `refuseSender(n)`: the next n senders are refused for good (550 to MAIL FROM: the outbox's own trouble, as an
 * expired password is). `stop()` and `start()`: an outage (connections refused) and the server back on the same port.
 */
export async function startSmtp(refuse?: (to: string) => boolean) {
  const received: Received[] = [];
  let busyFor = 0;
  let refusedForNow = 0;
  let senderRefusals = 0;
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onMailFrom(_address, _session, callback) {
        if (senderRefusals <= 0) return callback();
        senderRefusals--;
        callback(Object.assign(new Error('550 sender rejected: not allowed to send from this address'), { responseCode: 550 }));
      },
      onRcptTo(address, _session, callback) {
        if (refuse?.(address.address))
          return callback(Object.assign(new Error(`550 <${address.address}>: mailbox unavailable`), { responseCode: 550 }));
        if (busyFor > 0) {
          busyFor--;
          refusedForNow++;
          return callback(Object.assign(new Error('451 busy: try again later'), { responseCode: 451 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
  let server: SMTPServer | undefined = create();
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const stop = async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    /** Refuses the next `n` recipients with 451. */
    busy(n: number) {
      busyFor = n;
    },
    /** Refuses the next `n` senders (MAIL FROM) with 550. */
    refuseSender(n: number) {
      senderRefusals = n;
    },
    /** How many recipients were refused for now (451) so far. */
    refusedForNow: () => refusedForNow,
    stop,
    async start() {
      if (server) return;
      server = create();
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    close: stop,
  };
}

/** A quoted-printable body back to text (nodemailer encodes å, ä, ö so). */
export const decoded = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
