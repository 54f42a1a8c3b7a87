import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@app/core';
import { storeChecks, verifyEventLog } from '../verify';
import { tamperSql } from '@app/testing';
import { SqliteEventStore } from './sqlite-event-store';

/** case-a (positions 1–4) recorded at 09:00, case-b (positions 5–6) at 10:00. */
async function seeded(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-rows-')), 'events.sqlite');
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const store = new SqliteEventStore({ path, clock });
  await store.append(
    'case-a',
    [0, 1, 2, 3].map((i) => ({ type: 'T.v1', data: { i } })),
  );
  clock.set('2026-03-02T10:00:00Z');
  await store.append(
    'case-b',
    [0, 1].map((i) => ({ type: 'T.v1', data: { i } })),
  );
  await store.close();
  return path;
}

async function verify(path: string, checks: 'chains only' | 'all' = 'all') {
  const store = new SqliteEventStore({ path });
  try {
    return await verifyEventLog(store, checks === 'all' ? storeChecks(store) : { heads: () => store.streamHeads() });
  } finally {
    await store.close();
  }
}

describe('verify: the columns the hashes do not cover (SQLite)', () => {
  it('passes on an untouched log', async () => {
    expect(await verify(await seeded())).toEqual({ ok: true, eventsChecked: 6, streamsChecked: 2 });
  });

  it('names the event whose recorded_at column was changed, which as-of reads filter on', async () => {
    const path = await seeded();
    tamperSql(path, "UPDATE events SET recorded_at = '2026-03-01T09:00:00.000Z' WHERE stream_id = 'case-b' AND revision = 1");
    expect(await verify(path, 'chains only')).toMatchObject({ ok: true });
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: {
        streamId: 'case-b',
        revision: '1',
        reason: expect.stringMatching(/recorded_at column .* differs from its hashed recordedAt/),
      },
    });
  });

  it('names the event moved to another position, though every stream’s chain still holds', async () => {
    const path = await seeded();
    // case-a@3 and case-b@0 trade places: each stream keeps its own order, so the chains verify
    tamperSql(
      path,
      'UPDATE events SET position = -1 WHERE position = 4; UPDATE events SET position = 4 WHERE position = 5;' +
        'UPDATE events SET position = 5 WHERE position = -1;',
    );
    expect(await verify(path, 'chains only')).toMatchObject({ ok: true });
    expect(await verify(path)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-a', revision: '3', reason: expect.stringMatching(/position 5 is not where it was committed/) },
    });
  });

  it('keeps record time rising in commit order when the clock is set back between two runs', async () => {
    const path = await seeded();
    const store = new SqliteEventStore({ path, clock: new FixedClock(new Date('2026-03-02T08:00:00Z')) });
    try {
      const { events } = await store.append('case-c', [{ type: 'T.v1', data: {} }]);
      expect(events[0].metadata.recordedAt).toBe('2026-03-02T10:00:00.000Z');
      expect(await verifyEventLog(store, storeChecks(store))).toMatchObject({ ok: true, eventsChecked: 7 });
    } finally {
      await store.close();
    }
  });
});
