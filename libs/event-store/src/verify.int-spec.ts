import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHashFromText } from './hash-chain';
import { tamperSql } from '@app/testing';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { verifyEventLog } from './verify';

async function seeded(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-verify-')), 'events.sqlite');
  const store = new SqliteEventStore({ path });
  await store.append(
    'case-a',
    [0, 1, 2, 3].map((i) => ({ type: 'T.v1', data: { i, text: 'Klagomål på maten' } })),
  );
  await store.append(
    'case-b',
    [0, 1].map((i) => ({ type: 'T.v1', data: { i } })),
  );
  await store.close();
  return path;
}

async function verify(path: string) {
  const store = new SqliteEventStore({ path });
  try {
    return await verifyEventLog(store, { heads: () => store.streamHeads() });
  } finally {
    await store.close();
  }
}

describe('verifyEventLog on a tampered SQLite file', () => {
  it('passes on an untouched log', async () => {
    expect(await verify(await seeded())).toEqual({ ok: true, eventsChecked: 6, streamsChecked: 2 });
  });

  it('the triggers refuse UPDATE and DELETE through SQL', async () => {
    const db = new Database(await seeded());
    expect(() => db.exec("UPDATE events SET data = '{}' WHERE revision = 0")).toThrow(/immutable/);
    expect(() => db.exec('DELETE FROM events')).toThrow(/append-only/);
    db.close();
  });

  it('names the event whose content changed by one byte', async () => {
    const path = await seeded();
    tamperSql(path, "UPDATE events SET data = replace(data, 'maten', 'matem') WHERE stream_id = 'case-a' AND revision = 2");
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-a', revision: '2', reason: expect.stringMatching(/altered/) },
    });
  });

  it('names the gap where an event was removed from the middle of a stream', async () => {
    const path = await seeded();
    tamperSql(path, "DELETE FROM events WHERE stream_id = 'case-a' AND revision = 1");
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-a', revision: '2', reason: expect.stringMatching(/missing/) },
    });
  });

  it('notices an event cut from the end of a stream through the recorded head', async () => {
    const path = await seeded();
    tamperSql(path, "DELETE FROM events WHERE stream_id = 'case-b' AND revision = 1");
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-b', revision: '1', reason: expect.stringMatching(/removed/) },
    });
  });

  it('names the first break when one event is removed from the middle and one from the end of the same stream', async () => {
    const path = await seeded();
    tamperSql(path, "DELETE FROM events WHERE stream_id = 'case-a' AND revision IN (1, 3)");
    expect(await verify(path)).toMatchObject({
      ok: false,
      eventsChecked: 1,
      firstBroken: { streamId: 'case-a', revision: '2', reason: expect.stringMatching(/revision 2 follows 0: an event is missing/) },
    });
    // On a fresh copy, the cut end alone is caught through the stream's recorded head.
    const onlyEnd = await seeded();
    tamperSql(onlyEnd, "DELETE FROM events WHERE stream_id = 'case-a' AND revision = 3");
    expect(await verify(onlyEnd)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-a', revision: '3', reason: expect.stringMatching(/ends before its recorded head/) },
    });
  });

  it('names the event whose metadata changed by one byte', async () => {
    const path = await seeded();
    const db = new Database(path);
    const before = db.prepare("SELECT metadata FROM events WHERE stream_id = 'case-b' AND revision = 0").pluck().get() as string;
    db.close();
    const after = before.replace(/T(\d)/, (_, d: string) => `T${(Number(d) + 1) % 10}`); // the hour of recordedAt, one byte
    expect(after).not.toBe(before);
    expect(after.length).toBe(before.length);
    tamperSql(path, `UPDATE events SET metadata = '${after}' WHERE stream_id = 'case-b' AND revision = 0`);
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-b', revision: '0', reason: expect.stringMatching(/altered/) },
    });
  });

  it('notices a rewritten event whose own hash was recomputed: its successor still links to the old hash', async () => {
    const path = await seeded();
    const db = new Database(path);
    const row = db
      .prepare("SELECT stream_id, revision, type, data, metadata, prev_hash FROM events WHERE stream_id = 'case-a' AND revision = 0")
      .get() as { stream_id: string; revision: number; type: string; data: string; metadata: string; prev_hash: string | null };
    db.close();
    const data = row.data.replace('maten', 'matem');
    const hash = eventHashFromText(row.stream_id, BigInt(row.revision), row.type, data, row.metadata, row.prev_hash);
    tamperSql(path, `UPDATE events SET data = '${data}', hash = '${hash}' WHERE stream_id = 'case-a' AND revision = 0`);
    expect(await verify(path)).toMatchObject({
      ok: false,
      eventsChecked: 1,
      firstBroken: { streamId: 'case-a', revision: '1', reason: expect.stringMatching(/link to the previous event/) },
    });
  });
});
