import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseCommand, caseEventsFor, casesProjection, CaseState } from '@app/cases';
import { SqliteEventStore } from '@app/event-store';
import {
  applyReportEvent,
  caseTalliesFromReadModel,
  figuresOf,
  MemoryFactStore,
  openAndOverdue,
  reportProjection,
  tallyCases,
} from '@app/follow-up';
import { open311RequestsProjection } from '@app/open311';
import { Projection, ProjectionRunner, ReadModelStore } from '@app/projections';
import { unitEventsFor } from '@app/units';
import { district, StreamBatch } from '../../bench/district-generator';

const HOUR = 3_600_000;
const meta = { actor: { sub: 'test' } };

/** A case written through the case decider: registration, then each step in turn (a step gets the state so far). */
function caseStream(caseId: string, receivedAt: string, steps: ((s: CaseState) => CaseCommand)[]): StreamBatch {
  const received = new Date(receivedAt);
  const register: CaseCommand = {
    type: 'RegisterCase',
    caseId,
    reference: `2025-9${caseId.slice(-5).padStart(5, '0')}`,
    caseType: 'complaint',
    channel: 'letter',
    unitId: 'pausenheten',
    category: 'Paus',
    description: 'Synpunkt',
    submitter: { name: 'Anna', email: 'anna@example.se' },
    receivedAt: received,
    rules: { acknowledgeWorkingDays: 2, respondWorkingDays: 10 },
    now: received,
  };
  const events = caseEventsFor([() => register, ...steps]);
  return { streamId: `case-${caseId}`, events: events.map((e) => ({ type: e.type, data: e.data, metadata: meta })) };
}

/*
 * Pauses in the fixture (unit "pausenheten", all complaints that need a response; respondBy = 10 working days after receipt):
 * late-pause   received Mon 3 Feb 2025, respond by Mon 17 Feb; asked the complainant 18 Feb, after respondBy, never resumed: late.
 * timely-pause received Mon 3 Feb, asked on 5 Feb (before respondBy), never resumed: its clock is stopped, never due.
 * weekend-pause received Fri 7 Feb, respond by Fri 21 Feb; asked Sat 22 Feb, resumed Mon 24 Feb (the case moves respondBy by one
 *              working day, to 24 Feb) and responded 24 Feb: the pause began after the deadline, so late.
 * respondedOnTime at every instant below: of = late-pause, weekend-pause = 2; count 0.
 */
function pausedCases(): StreamBatch[] {
  const at = (iso: string | Date, hours = 0) => new Date(new Date(iso).getTime() + hours * HOUR);
  const now = new Date('2025-02-03T08:00:00Z');
  const unit = unitEventsFor([
    () => ({ type: 'RegisterUnit', unitId: 'pausenheten', name: 'Pausenheten', department: 'Social omsorg', district: 'Bänkstaden', now }),
  ]);
  const ack = (s: CaseState): CaseCommand => ({ type: 'AcknowledgeCase', now: at(s.receivedAt!, 2) });
  return [
    { streamId: 'unit-pausenheten', events: unit.map((e) => ({ type: e.type, data: e.data, metadata: meta })) },
    caseStream('late-pause', '2025-02-03T08:00:00Z', [
      ack,
      (s) => ({ type: 'AwaitComplainant', question: 'Fråga?', now: at(s.respondBy!, 10) }),
    ]),
    caseStream('timely-pause', '2025-02-03T08:00:00Z', [
      ack,
      () => ({ type: 'AwaitComplainant', question: 'Fråga?', now: at('2025-02-05T09:00:00Z') }),
    ]),
    caseStream('weekend-pause', '2025-02-07T08:00:00Z', [
      ack,
      () => ({ type: 'AwaitComplainant', question: 'Fråga?', now: at('2025-02-22T10:00:00Z') }),
      () => ({ type: 'ResumeCase', now: at('2025-02-24T08:00:00Z') }),
      () => ({ type: 'RespondCase', message: 'Svar', outcome: 'unjustified', now: at('2025-02-24T14:00:00Z') }),
    ]),
  ];
}

/*
 * Cases whose figures move between units or in and out of the counts (the live counts are kept by delta):
 * moved      transferred from pausenheten to flyttenheten after its acknowledgement, then responded there.
 * dup        merged into "moved": counted nowhere.
 * back       merged into "moved", then unmerged and responded: counted again.
 * reopened   responded and closed, then reopened: open at year end again.
 */
function movedCases(): StreamBatch[] {
  const now = new Date('2025-03-03T08:00:00Z');
  const unit = unitEventsFor([
    () => ({ type: 'RegisterUnit', unitId: 'flyttenheten', name: 'Flyttenheten', department: 'Förskola', district: 'Bänkstaden', now }),
  ]);
  const at = (iso: string) => new Date(iso);
  const into = { caseId: 'moved', reference: '2025-9moved', exists: true, status: 'transferred' as const };
  return [
    { streamId: 'unit-flyttenheten', events: unit.map((e) => ({ type: e.type, data: e.data, metadata: meta })) },
    caseStream('moved', '2025-03-03T08:00:00Z', [
      () => ({ type: 'AcknowledgeCase', now: at('2025-03-03T10:00:00Z') }),
      () => ({ type: 'TransferCase', toUnitId: 'flyttenheten', toUnitOpen: true, reason: 'Fel enhet', now: at('2025-03-04T10:00:00Z') }),
      () => ({ type: 'RespondCase', message: 'Svar', outcome: 'justified', now: at('2025-03-06T10:00:00Z') }),
    ]),
    caseStream('dup', '2025-03-03T09:00:00Z', [() => ({ type: 'MergeCase', into, now: at('2025-03-05T10:00:00Z') })]),
    caseStream('back', '2025-03-03T09:30:00Z', [
      () => ({ type: 'MergeCase', into, now: at('2025-03-05T10:00:00Z') }),
      () => ({ type: 'UnmergeCase', now: at('2025-03-06T10:00:00Z') }),
      () => ({ type: 'RespondCase', message: 'Svar', outcome: 'partly_justified', now: at('2025-03-20T10:00:00Z') }),
    ]),
    caseStream('reopened', '2025-03-10T09:00:00Z', [
      () => ({ type: 'RespondCase', message: 'Svar', outcome: 'unjustified', now: at('2025-03-11T10:00:00Z') }),
      () => ({ type: 'CloseCase', resolution: 'resolved', now: at('2025-03-12T10:00:00Z') }),
      () => ({ type: 'ReopenCase', reason: 'Nytt', now: at('2025-04-01T10:00:00Z') }),
    ]),
  ];
}

/** The live report aggregates cases in SQL; as-of replays fold them in memory. Both must give the same figures. */
describe('the SQL and the in-memory case figures agree', () => {
  it('on a generated district, for every unit, at several instants', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-report-paths-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    for (const batch of [...district(2025, 6000, 3), ...pausedCases(), ...movedCases()]) await store.append(batch.streamId, batch.events);
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
      // cases paused after their respondBy are late on both paths and overdue; the one paused in time is left out
      // of: late-pause, weekend-pause, back (answered 20 March, due 17 March: late), reopened (answered on time)
      expect(sql.get('pausenheten')!.figures.respondedOnTime).toEqual({ count: 1, of: 4, share: 0.25 });
      // the transferred case counts with its new unit only; the duplicate nowhere; the unmerged one again
      expect(sql.get('flyttenheten')!.figures.casesByType.complaint).toBe(1);
      expect(sql.get('pausenheten')!.figures.casesByType.complaint).toBe(5); // 3 paused, back, reopened
      expect(sql.get('pausenheten')!.figures.openAtYearEnd).toBe(5); // none closed for good: the three paused, back, reopened
      const paused = cases.filter((c) => c.unitId === 'pausenheten');
      expect(openAndOverdue(paused, now).overdue.map((c) => c.id)).toEqual(['late-pause']);
    }
    expect(memory.getCase('weekend-pause')!.respondBy).toBe('2025-02-21T22:59:59.999Z');
    await runner.stop();
    readModels.close();
    await store.close();
  });
});

/** Every row of every table of the projections, as readers see them (the views), in a fixed order. */
function snapshot(readModels: ReadModelStore, projections: Projection[]): Record<string, unknown[]> {
  const tables: Record<string, unknown[]> = {};
  for (const p of projections)
    for (const table of Object.keys(p.tables)) {
      const rows = readModels.all<Record<string, unknown>>(`SELECT * FROM ${table}`);
      tables[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
  return tables;
}

describe('a rebuild writes what the live path wrote', () => {
  it('for the case list, Open311 and the report, with units of work spanning pages and ending mid-case, on one thread or over threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-rebuild-same-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    for (const batch of [...district(2025, 3000, 5), ...pausedCases(), ...movedCases()]) await store.append(batch.streamId, batch.events);
    const readModels = new ReadModelStore(join(dir, 'read-models.sqlite'));
    // Live: a unit of work per batch of 37 events. Rebuild: pages of 50, units of work of 130 events.
    const runner = new ProjectionRunner(store, readModels, { batchSize: 37, rebuildPageSize: 50, rebuildUnitOfWork: 130 });
    let threaded: ProjectionRunner | undefined;
    const projections = [casesProjection, open311RequestsProjection, reportProjection];
    projections.forEach((p) => runner.register(p));
    try {
      await runner.start();
      expect(await runner.waitFor(await store.headPosition(), 60_000)).toBe(true);
      const live = snapshot(readModels, projections);
      expect(live.cases.length).toBeGreaterThan(300);
      expect(live.open311_requests.filter((r) => JSON.parse(JSON.parse(r as string).notes).length > 2).length).toBeGreaterThan(100);
      expect(live.report_case_counts.length).toBeGreaterThan(50);

      await runner.rebuildAll();
      const rebuilt = snapshot(readModels, projections);
      for (const table of Object.keys(live)) expect({ table, rows: rebuilt[table] }).toEqual({ table, rows: live[table] });
      expect(readModels.checkpoints.get(casesProjection.name)).toMatchObject({ generation: 2 });
      await runner.stop();

      // Over threads: each projection folded in a thread of its own from the app's rebuild source, then copied in.
      const module = join(__dirname, '../../apps/api/src/rebuild-source.ts');
      threaded = new ProjectionRunner(store, readModels, {
        rebuildPageSize: 50,
        rebuildUnitOfWork: 130,
        threads: { count: 2, module, data: { dataDir: dir }, minEvents: 0 },
      });
      projections.forEach((p) => threaded!.register(p));
      await threaded.start();
      await threaded.rebuildAll();
      const overThreads = snapshot(readModels, projections);
      for (const table of Object.keys(live)) expect({ table, rows: overThreads[table] }).toEqual({ table, rows: live[table] });
      for (const p of projections) expect(readModels.checkpoints.get(p.name)).toMatchObject({ generation: 3 });
    } finally {
      await runner.stop();
      await threaded?.stop();
      readModels.close();
      await store.close();
    }
  });
});
