// Child process of the crash-safety test; runs from the TypeScript sources through test/support/register.js.
//   node -r test/support/register.js test/crash/append-worker.ts <file> <appends> <prefix>
// Opens the store on <file>, checks the log it finds (it may have been left by a killed run), then performs <appends>
// appends with CONCURRENCY in flight and prints one JSON line per append that reported success, written synchronously
// to stdout the moment it resolves. The parent kills it with SIGKILL somewhere in the middle.
import { writeSync } from 'node:fs';
import { AppendResult, NewEvent, WrongExpectedRevisionError } from '@app/core';
import { SqliteEventStore, verifyEventLog } from '@app/event-store';

export interface Ack {
  i: number;
  streamId: string;
  /** Revisions and positions of the events this append wrote, in order. */
  revisions: string[];
  positions: string[];
}

const SHARED_STREAMS = 7;
const CONCURRENCY = 20;

const [path, appendsText, prefix] = process.argv.slice(2);
const appends = Number(appendsText);
const store = new SqliteEventStore({ path });
const print = (line: string) => writeSync(1, line + '\n');

/** Shared streams are appended to with the revision this process believes is current, as a command handler would. */
const knownHead = new Map<string, bigint | undefined>();
/** Appends that created a stream, for the follow-up append to that stream. */
const created = new Map<number, Promise<AppendResult>>();

const eventsFor = (i: number): NewEvent[] =>
  Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    type: 'CrashTested.v1',
    data: { i, k, prefix, text: 'Klagomål på maten i förskolan – åäö '.repeat(30) },
    metadata: { correlationId: `${prefix}-${i}` },
  }));

function ack(i: number, streamId: string, result: AppendResult): AppendResult {
  const line: Ack = {
    i,
    streamId,
    revisions: result.events.map((e) => e.revision.toString()),
    positions: result.events.map((e) => e.position.toString()),
  };
  print(JSON.stringify(line));
  return result;
}

async function appendToShared(i: number): Promise<void> {
  const streamId = `shared-${i % SHARED_STREAMS}`;
  for (;;) {
    const head = knownHead.get(streamId);
    try {
      const result = await store.append(streamId, eventsFor(i), { expectedRevision: head ?? 'no_stream' });
      const latest = knownHead.get(streamId);
      if (latest === undefined || latest < result.nextExpectedRevision) knownHead.set(streamId, result.nextExpectedRevision);
      ack(i, streamId, result);
      return;
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError)) throw err;
      // Someone else got there first: learn the actual revision and try again.
      knownHead.set(streamId, err.actual === 'no_stream' ? undefined : err.actual);
    }
  }
}

async function appendOne(i: number): Promise<void> {
  switch (i % 3) {
    case 0:
      return appendToShared(i);
    case 1: {
      const streamId = `${prefix}-${i}`;
      const creation = store.append(streamId, eventsFor(i), { expectedRevision: 'no_stream' }).then((r) => ack(i, streamId, r));
      created.set(i, creation);
      await creation;
      return;
    }
    default: {
      // A second append to the stream created by append i - 1, with the exact revision that append returned.
      const streamId = `${prefix}-${i - 1}`;
      const first = await created.get(i - 1)!;
      created.delete(i - 1);
      const result = await store.append(streamId, eventsFor(i), { expectedRevision: first.nextExpectedRevision });
      ack(i, streamId, result);
    }
  }
}

async function main(): Promise<void> {
  // What an earlier, killed run left behind must already be a sound log.
  const report = await verifyEventLog(store, { heads: () => store.streamHeads() });
  print(`VERIFIED ${JSON.stringify(report)}`);
  if (!report.ok) process.exit(3);
  for (let s = 0; s < SHARED_STREAMS; s++) {
    const [last] = await store.readStream(`shared-${s}`, { direction: 'backwards', maxCount: 1 });
    knownHead.set(`shared-${s}`, last?.revision);
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < appends) await appendOne(next++);
    }),
  );
  print('DONE');
  setInterval(() => {}, 60_000); // stay alive until killed
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(2);
});
