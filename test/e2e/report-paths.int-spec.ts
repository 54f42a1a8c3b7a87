import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { applyReportEvent, caseTalliesFromReadModel, figuresOf, MemoryFactStore, reportProjection, tallyCases } from '@app/follow-up';
import { ProjectionRunner, ReadModelStore } from '@app/projections';
import { district } from '../../bench/district-generator';

/** The live report aggregates cases in SQL; as-of replays fold them in memory. Both must give the same figures. */
describe('the SQL and the in-memory case figures agree', () => {
  it('on a generated district, for every unit, at several instants', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-report-paths-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    for (const batch of district(2025, 6000, 3)) await store.append(batch.streamId, batch.events);
    const readModels = new ReadModelStore(join(dir, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, readModels);
    runner.register(reportProjection);
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 30_000)).toBe(true);

    const memory = new MemoryFactStore();
    for (const e of await store.readAll()) applyReportEvent(memory, e);
    const cases = [...memory.cases.values()];
    expect(cases.length).toBeGreaterThan(500);
    for (const now of ['2025-03-15T12:00:00Z', '2025-09-30T12:00:00Z', '2026-02-01T12:00:00Z'].map((t) => new Date(t))) {
      const sql = caseTalliesFromReadModel(readModels, 2025, now);
      for (const unit of memory.units.values()) {
        const js = tallyCases(
          2025,
          now,
          cases.filter((c) => c.unitId === unit.id),
        );
        const fromSql = sql.get(unit.id)!;
        expect({ unit: unit.id, now, ...figuresOf(fromSql), days: [...fromSql.responseDays].sort() }).toEqual({
          unit: unit.id,
          now,
          ...figuresOf(js),
          days: [...js.responseDays].sort(),
        });
      }
    }
    await runner.stop();
    readModels.close();
    await store.close();
  });
});
