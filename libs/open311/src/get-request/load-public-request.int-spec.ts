import { CaseCommand, caseEventsFor, caseStream, referenceStream } from '@app/cases';
import { FixedClock } from '@app/core';
import { SqliteEventStore } from '@app/event-store';
import { loadPublicRequest } from './load-public-request';

const now = new Date('2026-03-02T09:00:00Z');
const meta = { actor: { sub: 'test' } };

const registration: CaseCommand = {
  type: 'RegisterCase',
  caseId: 'c1',
  reference: '2026-000001',
  caseType: 'complaint',
  channel: 'open311',
  unitId: 'hgb',
  description: 'Gungan är trasig',
  receivedAt: now,
  rules: { acknowledgeWorkingDays: 2, respondWorkingDays: 10 },
  now,
};

describe('loadPublicRequest', () => {
  let store: SqliteEventStore;

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:', clock: new FixedClock(now) });
    const events = caseEventsFor([
      () => registration,
      () => ({ type: 'AcknowledgeCase', at: new Date('2026-03-03T08:00:00Z'), now: new Date('2026-03-03T08:00:00Z') }),
    ]);
    await store.append(
      caseStream('c1'),
      events.map((e) => ({ type: e.type, data: e.data, metadata: meta })),
    );
    await store.append(referenceStream(2026), [
      { type: 'ReferenceAssigned.v1', data: { year: 2026, number: 1, reference: '2026-000001', caseId: 'c1' }, metadata: meta },
    ]);
  });
  afterEach(() => store.close());

  it('reads the case stream once for its state, its last change and its notes', async () => {
    const reads = jest.spyOn(store, 'readStream');

    const found = await loadPublicRequest(store, '2026-000001');

    expect(found?.request).toMatchObject({ reference: '2026-000001', status: 'acknowledged', updatedAt: now.toISOString() });
    expect(found?.notes.map((n) => n.kind)).toEqual(['received', 'acknowledged']);
    expect(reads.mock.calls.filter(([streamId]) => streamId === caseStream('c1'))).toHaveLength(1);
  });
});
