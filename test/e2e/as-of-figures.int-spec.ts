import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCategories } from '@app/cases';
import { SqliteEventStore } from '@app/event-store';
import { reportFactsProjection, yearlyReport } from '@app/follow-up';
import { figuresReplays, FiguresReplayName, replayReportFacts } from '@app/follow-up/projections';
import { AppConfig, ReplayPool } from '@app/platform';
import { ProjectionRunner, ReadModelStore } from '@app/projections';
import { district } from '../../bench/district-generator';
import { appProjections, APP_PROJECTIONS } from '../../apps/api/src/rebuild-source';

const REBUILD_SOURCE = join(__dirname, '../../apps/api/src/rebuild-source.ts');

/**
 * Issue #19: an as-of yearly report, unit follow-up or dashboard read is computed whole in a replay thread, and only
 * its answer crosses back. The same replay on the caller's thread (the pool's fallback without a thread module) must
 * give the same answer, value for value, and the yearly report the one computed from the facts as before.
 */
describe('as-of figures: in a replay thread and on the caller’s thread alike', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-as-of-figures-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  const readModels = join(dir, 'read-models.sqlite');
  const config = { dataDir: dir, replayConcurrency: 1 } as AppConfig;
  const threaded = new ReplayPool(config, REBUILD_SOURCE);
  const local = new ReplayPool(config, null);
  let asOf = '';

  beforeAll(async () => {
    for (const batch of district(2025, 5000, 7)) await store.append(batch.streamId, batch.events);
    await new Promise((r) => setTimeout(r, 5));
    asOf = new Date().toISOString();
    // Cuts every 700 positions: the folds start from a snapshot, as they do on a large log.
    const rm = new ReadModelStore(readModels);
    const runner = new ProjectionRunner(store, rm);
    runner.register(reportFactsProjection(700));
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 60_000)).toBe(true);
    await runner.stop();
    rm.close();
  }, 120_000);
  afterAll(async () => {
    await threaded.onApplicationShutdown();
    await store.close();
  });

  const both = async (name: FiguresReplayName, args: object) => {
    const full = { ...args, asOf, readModels };
    const replay = figuresReplays[name] as (s: unknown, a: unknown) => Promise<unknown>;
    const inThread = await threaded.run(name, replay, store, full);
    const here = await local.run(name, replay, store, full);
    // The same response body, byte for byte (structured cloning keeps key order; the clone's objects are of another realm than jest's).
    expect(JSON.stringify(inThread)).toBe(JSON.stringify(here));
    expect(inThread).toEqual(here);
    return inThread as Record<string, unknown> | null;
  };

  it('the yearly report, with and without compare, scoped and filtered; as computed from the facts before', async () => {
    const report = (await both('yearlyReport', { params: { year: 2025 } })) as unknown as Parameters<typeof Object.keys>[0] & {
      units: { unitId: string; department: string }[];
      totals: { casesByType: Record<string, number> };
    };
    expect(threaded.stats().threads).toBe(1); // it did run in a thread
    expect(report.units.length).toBeGreaterThan(5);
    expect(Object.values(report.totals.casesByType).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);

    const input = JSON.parse(JSON.stringify(await replayReportFacts(store, { asOf })));
    const facts = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, JSON.parse(v as string)]));
    const categories = await loadCategories(store, new Date(asOf));
    expect(report).toEqual(yearlyReport(facts as never, 2025, new Date(asOf), {}, undefined, { categories }));

    expect(await both('yearlyReport', { params: { year: 2025, compare: true } })).toHaveProperty('previousPeriod');
    const department = report.units[0].department;
    const scope = report.units.slice(0, 4).map((u) => u.unitId);
    const scoped = await both('yearlyReport', { params: { year: 2025, compare: true, department }, scope });
    expect((scoped as { units: unknown[] }).units.length).toBeGreaterThan(0);
  }, 120_000);

  it('a unit’s follow-up, and null for a unit the log did not have then', async () => {
    const followUp = await both('unitFollowUp', { unitId: 'enhet-3', year: 2025, compare: true });
    expect(followUp).toMatchObject({ year: 2025, asOf, unit: { unitId: 'enhet-3' } });
    expect((followUp!.open as unknown[]).length).toBeGreaterThan(0);
    expect(await both('unitFollowUp', { unitId: 'enhet-99', year: 2025 })).toBeNull();
  }, 120_000);

  it('the dashboard’s answers, and null for a unit outside the scope', async () => {
    const months = await both('dashboard', { view: 'onTime', params: { year: 2025 } });
    expect(months!.months).toHaveLength(12);
    await both('dashboard', { view: 'commitments', params: { year: 2025, unitId: 'enhet-2' } });
    const cases = await both('dashboard', {
      view: 'cases',
      params: { year: 2025, figure: 'responded', category: 'Mat' },
      scope: ['enhet-1', 'enhet-2'],
    });
    expect(cases!.total).toBeGreaterThan(0);
    expect(await both('dashboard', { view: 'onTime', params: { year: 2025, unitId: 'enhet-3' }, scope: ['enhet-1'] })).toBeNull();
  }, 120_000);

  it('registers every figures replay for the threads, and the report projection without snapshots on EventStoreDB', async () => {
    const { replays } = await import('../../apps/api/src/rebuild-source');
    for (const name of Object.keys(figuresReplays)) expect(replays[name]).toBe(figuresReplays[name as FiguresReplayName]);
    expect(appProjections('sqlite')).toEqual(APP_PROJECTIONS);
    const esdb = appProjections('esdb');
    expect(esdb.map((p) => p.name)).toEqual(APP_PROJECTIONS.map((p) => p.name));
    expect(esdb.find((p) => p.name === 'report-facts')).not.toBe(APP_PROJECTIONS.find((p) => p.name === 'report-facts'));
  });
});
