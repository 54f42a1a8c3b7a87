import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Changes the file behind the store's back, as an attacker with disk access would. */
function tamper(path: string, sql: string): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER events_immutable; DROP TRIGGER events_append_only;');
  db.exec(sql);
  db.close();
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
    tamper(path, "UPDATE events SET data = replace(data, 'maten', 'matem') WHERE stream_id = 'case-a' AND revision = 2");
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-a', revision: '2', reason: expect.stringMatching(/altered/) },
    });
  });

  it('names the gap where an event was removed from the middle of a stream', async () => {
    const path = await seeded();
    tamper(path, "DELETE FROM events WHERE stream_id = 'case-a' AND revision = 1");
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-a', revision: '2', reason: expect.stringMatching(/missing/) },
    });
  });

  it('notices an event cut from the end of a stream through the recorded head', async () => {
    const path = await seeded();
    tamper(path, "DELETE FROM events WHERE stream_id = 'case-b' AND revision = 1");
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-b', revision: '1', reason: expect.stringMatching(/removed/) },
    });
  });

  it('notices a rewritten event whose hash was recomputed but whose successor still links to the old hash', async () => {
    const path = await seeded();
    tamper(path, "UPDATE events SET hash = 'f00' WHERE stream_id = 'case-a' AND revision = 0");
    const report = await verify(path);
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.streamId).toBe('case-a');
  });
});
