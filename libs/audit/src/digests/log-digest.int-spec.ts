import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHashFromText, SqliteEventStore, verifyEventLog } from '@app/event-store';
import { logDigest } from './log-digest';

/**
 * The attack the hash chains alone cannot catch: someone with the file rewrites an early event and recomputes
 * every hash after it and the stream's head. Every chain verifies; a digest published before does not match.
 */
describe('log digest against a consistent wholesale rewrite', () => {
  const open = (path: string) => new SqliteEventStore({ path });

  it('verify passes on the rewritten file, the earlier published digest does not', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-digest-')), 'events.sqlite');
    let store = open(path);
    await store.append(
      'case-a',
      [0, 1, 2].map((i) => ({ type: 'CaseNoted.v1', data: { i, text: 'Svar skickat i tid' } })),
    );
    await store.append('case-b', [{ type: 'CaseNoted.v1', data: { i: 0 } }]);
    const published = await logDigest(store);
    expect(published).toMatchObject({ streams: 2, events: 4 });
    await store.close();

    // the rewrite: case-a revision 0 says something else, and the chain is recomputed from there on
    const db = new Database(path);
    db.exec('DROP TRIGGER events_immutable; DROP TRIGGER events_append_only;');
    type Row = { stream_id: string; revision: number; type: string; data: string; metadata: string; hash: string };
    const rows = db.prepare("SELECT * FROM events WHERE stream_id = 'case-a' ORDER BY revision").all() as Row[];
    let prev: string | null = null;
    for (const r of rows) {
      const data = r.revision === 0 ? r.data.replace('i tid', 'för sent') : r.data;
      const hash = eventHashFromText(r.stream_id, BigInt(r.revision), r.type, data, r.metadata, prev);
      db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE stream_id = ? AND revision = ?').run(
        data,
        prev,
        hash,
        r.stream_id,
        r.revision,
      );
      prev = hash;
    }
    db.prepare("UPDATE streams SET hash = ? WHERE stream_id = 'case-a'").run(prev);
    db.close();

    store = open(path);
    try {
      expect((await store.readStream('case-a'))[0].data).toMatchObject({ text: 'Svar skickat för sent' });
      expect(await verifyEventLog(store, { heads: () => store.streamHeads() })).toMatchObject({ ok: true, eventsChecked: 4 });
      const now = await logDigest(store, BigInt(published.position));
      expect(now.events).toBe(published.events);
      expect(now.digest).not.toBe(published.digest);
    } finally {
      await store.close();
    }
  });

  it('is the same for the same log, and covers only what was there at its position', async () => {
    const store = open(join(mkdtempSync(join(tmpdir(), 'synpunkt-digest-')), 'events.sqlite'));
    try {
      await store.append('unit-x', [{ type: 'UnitRegistered.v1', data: { unitId: 'x' } }]);
      const first = await logDigest(store);
      await store.append('unit-y', [{ type: 'UnitRegistered.v1', data: { unitId: 'y' } }]);
      expect(await logDigest(store, BigInt(first.position))).toEqual(first);
      expect((await logDigest(store)).digest).not.toBe(first.digest);
    } finally {
      await store.close();
    }
  });
});
