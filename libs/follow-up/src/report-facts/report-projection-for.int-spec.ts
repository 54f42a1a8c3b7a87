import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, SqliteEventStore } from '@app/event-store';
import { ProjectionsHost } from '@app/platform';
import { Projection, ProjectionRunner, ReadModelStore } from '@app/projections';
import { district } from '../../../../bench/district-generator';
import { FollowUpModule } from '../follow-up.module';
import { REPORT_SNAPSHOT_EVERY } from '../report-snapshots/snapshot-cuts';
import { reportProjectionFor, reportProjectionWithoutSnapshots } from './report-projection-for';
import { reportFactsProjection, reportProjection } from './report.projection';

/** Every row of a table, in one order. */
const rows = (rm: ReadModelStore, table: string) =>
  rm
    .all<Record<string, unknown>>(`SELECT * FROM ${table}`)
    .map((r) => JSON.stringify(r))
    .sort();

describe('the report projection by store kind (issue #19)', () => {
  it('keeps snapshots on the embedded store only: on EventStoreDB positions are byte offsets, and no as-of read would use them', () => {
    expect(reportProjectionFor('sqlite')).toBe(reportProjection);
    expect(reportProjectionFor('esdb')).toBe(reportProjectionWithoutSnapshots);
    // One read model either way: same name, version and tables (report_snapshots just stays empty).
    const { name, version, tables, indexes, partitioned } = reportProjectionWithoutSnapshots;
    expect({ name, version, tables, indexes, partitioned }).toEqual({
      name: reportProjection.name,
      version: reportProjection.version,
      tables: reportProjection.tables,
      indexes: reportProjection.indexes,
      partitioned: reportProjection.partitioned,
    });
  });

  it.each(['sqlite', 'esdb'] as const)('is what the follow-up module registers on a %s store', (kind) => {
    const registered: Projection[] = [];
    const host = { register: (p: Projection) => void registered.push(p) } as unknown as ProjectionsHost;
    new FollowUpModule(host, { kind } as EventStore).onModuleInit();
    expect(registered).toEqual([reportProjectionFor(kind)]);
  });

  it('without snapshots, writes the same facts and counts and no snapshot row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-report-kind-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    for (const batch of district(2025, 3000, 5)) await store.append(batch.streamId, batch.events);
    const project = async (projection: Projection, file: string) => {
      const rm = new ReadModelStore(join(dir, file));
      const runner = new ProjectionRunner(store, rm);
      runner.register(projection);
      await runner.start();
      expect(await runner.waitFor(await store.headPosition(), 60_000)).toBe(true);
      await runner.stop();
      return rm;
    };
    // Cut often, so that the projection with snapshots does write some.
    const [cut, uncut] = [
      await project(reportFactsProjection(250), 'cut.sqlite'),
      await project(reportProjectionWithoutSnapshots, 'uncut.sqlite'),
    ];
    try {
      expect(REPORT_SNAPSHOT_EVERY).toBeGreaterThan(250);
      expect(rows(cut, 'report_snapshots').length).toBeGreaterThan(0);
      expect(rows(uncut, 'report_snapshots')).toEqual([]);
      for (const table of [
        'report_cases',
        'report_case_counts',
        'report_case_pending',
        'report_breaches',
        'report_guarantees',
        'report_units',
      ]) {
        expect(rows(uncut, table)).toEqual(rows(cut, table));
      }
      expect(rows(uncut, 'report_cases').length).toBeGreaterThan(100);
    } finally {
      cut.close();
      uncut.close();
      await store.close();
    }
  }, 60_000);
});
