import { FakeEsdbClient } from '../test/fake-esdb-client';
import { countEvents } from './count-events';
import { EsdbEventStore } from './esdb/esdb-event-store';

describe('counting events', () => {
  async function kurrentLog(events: number) {
    const fake = new FakeEsdbClient();
    fake.write('$epochs', '$epoch-information', {}); // as on a server, a system record holds position 0
    const store = new EsdbEventStore(fake.asClient());
    for (let n = 0; n < events; n++) await store.append(`case-${n % 3}`, [{ type: 'Thing.v1', data: { n } }]);
    return store;
  }

  it('counts the events of a KurrentDB log, whose head position is a byte offset', async () => {
    const store = await kurrentLog(12);
    expect(await store.headPosition()).toBeGreaterThan(1000n);
    expect(await countEvents(store)).toBe(12);
  });

  it('stops at the count asked for', async () => {
    expect(await countEvents(await kurrentLog(12), 5)).toBe(5);
    expect(await countEvents(await kurrentLog(3), 5)).toBe(3);
  });
});
