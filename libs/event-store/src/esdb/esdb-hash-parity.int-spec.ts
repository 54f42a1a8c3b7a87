import { FixedClock } from '@app/core';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { headOf, prepareAppend } from './esdb-mapping';

// Both adapters must chain identically, or a log moved from SQLite to KurrentDB would no longer verify.
describe('esdb and sqlite hash chains', () => {
  it('give the same hashes for the same events at the same instant', async () => {
    const clock = new FixedClock(new Date('2026-02-03T10:00:00Z'));
    const sqlite = new SqliteEventStore({ path: ':memory:', clock, groupCommit: false });
    const batches = [
      [{ id: 'a1', type: 'CaseRegistered.v1', data: { title: 'Gruppbostad – buller', n: 1 }, metadata: { actor: { sub: 'u1' } } }],
      [
        { id: 'a2', type: 'CaseAssigned.v1', data: { to: 'Åsa' }, metadata: { correlationId: 'c-1', causationId: 'a1' } },
        { id: 'a3', type: 'CaseClosed.v1', data: null },
      ],
    ];
    try {
      let head;
      for (const batch of batches) {
        const fromSqlite = (await sqlite.append('case-1', batch)).events;
        const fromEsdb = prepareAppend(
          'case-1',
          head,
          batch.map((event) => ({ id: event.id, event })),
          clock.now().toISOString(),
        ).recorded;
        expect(fromEsdb.map((e) => [e.revision, e.prevHash, e.hash])).toEqual(fromSqlite.map((e) => [e.revision, e.prevHash, e.hash]));
        expect(fromEsdb.map((e) => e.metadata)).toEqual(fromSqlite.map((e) => e.metadata));
        head = headOf(fromEsdb[fromEsdb.length - 1]);
      }
    } finally {
      await sqlite.close();
    }
  });
});
