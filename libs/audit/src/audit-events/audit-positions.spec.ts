import type { Principal } from '@app/auth';
import { FixedClock } from '@app/core';
import { EventStore, InvalidPositionError } from '@app/event-store';
import { EsdbEventStore } from '../../../event-store/src/esdb/esdb-event-store';
import { FakeEsdbClient } from '../../../event-store/test/fake-esdb-client';
import type { CaseDisclosures } from '../disclosures/case-disclosures';
import { AuditEventsPage, ListAuditEvents, ListAuditEventsHandler } from './audit-events.query';

const auditor = { sub: 'a1', roles: ['auditor'] } as unknown as Principal;
const noDisclosures = { forEvents: async () => undefined } as unknown as CaseDisclosures;

/** A KurrentDB log (the client faked at its boundary: positions are byte offsets) of five events. */
async function kurrentLog(): Promise<EventStore> {
  const fake = new FakeEsdbClient();
  fake.write('$epochs', '$epoch-information', {}); // as on a server, a system record holds position 0
  const store = new EsdbEventStore(fake.asClient(), { clock: new FixedClock(new Date('2026-03-02T09:00:00Z')) });
  for (let n = 0; n < 5; n++) await store.append(`case-${n % 2}`, [{ type: 'Thing.v1', data: { n }, metadata: { actor: { sub: 'u1' } } }]);
  return store;
}

describe('audit event pages on KurrentDB, whose positions are tokens', () => {
  let list: (filter: ListAuditEvents['filter']) => Promise<AuditEventsPage>;
  let positions: number[];
  beforeEach(async () => {
    const handler = new ListAuditEventsHandler(await kurrentLog(), noDisclosures);
    list = (filter) => handler.execute(new ListAuditEvents(filter, auditor));
    positions = (await list({})).events.map((e) => e.position);
  });
  const data = (page: AuditEventsPage) => page.events.map((e) => e.data);

  it('starts at an event’s position (fromPosition, inclusive): no arithmetic on it', async () => {
    expect(data(await list({ fromPosition: String(positions[2]) }))).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it('goes on from a page by its nextPosition (inclusive), or after its lastPosition (exclusive)', async () => {
    const first = await list({ limit: 2 });
    expect(first).toMatchObject({ nextPosition: positions[2], lastPosition: positions[1] });
    expect(data(await list({ fromPosition: String(first.nextPosition), limit: 2 }))).toEqual([{ n: 2 }, { n: 3 }]);
    expect(data(await list({ after: String(first.lastPosition), limit: 2 }))).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('starts after an event’s position, as from X-Event-Position', async () => {
    expect(data(await list({ after: String(positions[3]) }))).toEqual([{ n: 4 }]);
  });

  it('at the end names no next position (none is known yet), and keeps the last one to go on after', async () => {
    expect(await list({ after: String(positions[4]) })).toEqual({ events: [], nextPosition: null, lastPosition: positions[4] });
    expect(await list({ fromPosition: String(positions[3]) })).toMatchObject({ nextPosition: null, lastPosition: positions[4] });
  });

  it('refuses a position that is no event’s with InvalidPositionError (a 400)', async () => {
    await expect(list({ fromPosition: String(positions[2] + 1) })).rejects.toBeInstanceOf(InvalidPositionError);
    await expect(list({ after: String(positions[2] - 1) })).rejects.toBeInstanceOf(InvalidPositionError);
  });

  it('refuses both after and fromPosition at once', async () => {
    await expect(list({ after: String(positions[1]), fromPosition: String(positions[2]) })).rejects.toThrow(/either after or fromPosition/);
  });
});
