import { ProjectionStatus } from '@app/projections';
import { judgeProjection } from '../projections/projections.readiness';
import { Readiness, ReadinessCheck, ReadinessContributor } from './readiness';

const contributor = (name: string, answer: () => Promise<Omit<ReadinessCheck, 'name'>>): ReadinessContributor => ({
  name,
  readiness: answer,
});

describe('Readiness', () => {
  it('is ok with lag 0 when every contributor is ok', async () => {
    const readiness = new Readiness();
    readiness.register(contributor('a', async () => ({ status: 'ok' })));
    expect(await readiness.report()).toEqual({ status: 'ok', lagSeconds: 0, checks: [{ name: 'a', status: 'ok' }] });
  });

  it('takes the worst status and the largest lag', async () => {
    const readiness = new Readiness();
    readiness.register(contributor('a', async () => ({ status: 'degraded', lagSeconds: 12 })));
    readiness.register(contributor('b', async () => ({ status: 'down', lagSeconds: 3 })));
    readiness.register(contributor('c', async () => ({ status: 'ok' })));
    expect(await readiness.report()).toMatchObject({ status: 'down', lagSeconds: 12 });
  });

  it('counts a contributor that throws as down, with its error as the reason', async () => {
    const readiness = new Readiness();
    readiness.register(
      contributor('store', () => {
        throw new Error('connection refused');
      }),
    );
    expect((await readiness.report()).checks).toEqual([{ name: 'store', status: 'down', reason: 'the check failed: connection refused' }]);
  });

  it('counts a contributor that does not answer in time as down', async () => {
    jest.useFakeTimers();
    try {
      const readiness = new Readiness();
      readiness.register(contributor('hangs', () => new Promise(() => undefined)));
      const report = readiness.report();
      await jest.advanceTimersByTimeAsync(2000);
      expect(await report).toMatchObject({ status: 'down', checks: [{ name: 'hangs', status: 'down' }] });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a second contributor of the same name', () => {
    const readiness = new Readiness();
    readiness.register(contributor('a', async () => ({ status: 'ok' })));
    expect(() => readiness.register(contributor('a', async () => ({ status: 'ok' })))).toThrow(/already registered/);
  });
});

describe('judgeProjection', () => {
  const status = (over: Partial<ProjectionStatus>): ProjectionStatus => ({
    name: 'units',
    kind: 'projection',
    state: 'live',
    checkpoint: 10n,
    position: 10n,
    head: 10n,
    lagSeconds: 0,
    ...over,
  });

  it('is ok when live, even with events in flight', () => {
    expect(judgeProjection(status({ head: 13n, lagSeconds: 3 }), 100)).toEqual({ status: 'ok' });
  });

  it('is down when failed', () => {
    expect(judgeProjection(status({ state: 'failed', error: 'boom' }), 100)).toEqual({ status: 'down', reason: 'failed' });
  });

  it('is down when further behind than READY_MAX_LAG seconds of record time', () => {
    expect(judgeProjection(status({ state: 'catching_up', head: 11n, lagSeconds: 101 }), 100).status).toBe('down');
  });

  it('is degraded, not down, with the reason while the log is out of reach and the worker retries', () => {
    const retrying = 'resubscribing (attempt 7): unavailable: 14 UNAVAILABLE: Connection dropped';
    expect(judgeProjection(status({ state: 'live', retrying }), 100)).toEqual({ status: 'degraded', reason: retrying });
    expect(judgeProjection(status({ state: 'failed', error: 'unavailable', retrying }), 100)).toEqual({
      status: 'degraded',
      reason: retrying,
    });
  });

  it('is degraded while catching up on a backlog within the bound', () => {
    expect(judgeProjection(status({ state: 'catching_up', head: 60n, lagSeconds: 50 }), 100)).toEqual({
      status: 'degraded',
      reason: 'catching up',
    });
  });

  it('is ok when catching up with nothing left to catch', () => {
    expect(judgeProjection(status({ state: 'catching_up', lagSeconds: 0 }), 100)).toEqual({ status: 'ok' });
  });

  it('is degraded while rebuilding within the bound', () => {
    expect(judgeProjection(status({ state: 'rebuilding', head: 60n, lagSeconds: 50 }), 100)).toEqual({
      status: 'degraded',
      reason: 'rebuilding',
    });
  });

  it('is degraded when stopped', () => {
    expect(judgeProjection(status({ state: 'stopped' }), 100)).toEqual({ status: 'degraded', reason: 'stopped' });
  });
});
