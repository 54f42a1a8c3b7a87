import { FakeEsdbClient } from '../../../libs/event-store/test/fake-esdb-client';
import { EsdbEventStore } from '../../../libs/event-store/src/esdb/esdb-event-store';
import { eventsInLog } from './progress';

describe('a progress bar’s total', () => {
  it('is none on KurrentDB, whose head position is a byte offset, not a number of events', async () => {
    const store = new EsdbEventStore(new FakeEsdbClient().asClient());
    for (let n = 0; n < 3; n++) await store.append('case-1', [{ type: 'Thing.v1', data: { n } }]);
    expect(await store.headPosition()).toBeGreaterThan(3n);
    expect(await eventsInLog(store)).toBeUndefined();
  });
});
