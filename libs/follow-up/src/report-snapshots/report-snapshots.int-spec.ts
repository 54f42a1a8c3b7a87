import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, NewEvent } from '@app/core';
import { SqliteEventStore } from '@app/event-store';
import { Projection, ProjectionRunner, ProjectionRunnerOptions, ReadModelStore } from '@app/projections';
import { district } from '../../../../bench/district-generator';
import { applyReportEvent } from '../report-facts/apply-report-event';
import { parseReportInput } from '../report-facts/json-fact-store';
import { replayReportFacts } from '../report-facts/replay-report-facts';
import { MemoryFactStore, REPORT_EVENT_PREFIXES } from '../report-facts/report-facts';
import { REPORT_PROJECTION, reportFactsProjection, reportProjection } from '../report-facts/report.projection';
import { ReportInput, yearlyReport } from '../yearly-report/yearly-figures';
import { factsAtLastCut } from './snapshot-reader';

const EVERY = 200;
const DAY = 86_400_000;
const YEAR_START = Date.parse('2025-01-01T07:00:00Z');

/**
 * A generated district's year (the bench's generator at a small size) written as a year of record time: each case's
 * events arrive one by one, days apart, interleaved with other cases', so facts change across many cuts.
 */
async function writeYear(store: SqliteEventStore, clock: FixedClock, events: number): Promise<void> {
  const pieces: { step: number; order: number; streamId: string; event: NewEvent }[] = [];
  let order = 0;
  let stream = 0;
  for (const batch of district(2025, events, 11)) {
    let step = stream++;
    for (const event of batch.events) {
      pieces.push({ step, order: order++, streamId: batch.streamId, event });
      step += 1 + ((order * 7919) % 90); // a stream's next event comes 1–90 steps later, in the stream's order
    }
  }
  pieces.sort((a, b) => a.step - b.step || a.order - b.order);
  const steps = pieces[pieces.length - 1].step + 1;
  for (let i = 0; i < pieces.length; ) {
    const step = pieces[i].step;
    clock.set(new Date(YEAR_START + Math.floor((step * 360 * DAY) / steps)));
    const appends: Promise<unknown>[] = [];
    for (; i < pieces.length && pieces[i].step === step; i++) appends.push(store.append(pieces[i].streamId, [pieces[i].event]));
    await Promise.all(appends); // one event per stream and step: a stream's events keep their order
  }
}

/** The fold as it was before snapshots: the whole log up to the instant, filtered on record time by the store. */
async function referenceFold(store: SqliteEventStore, asOf: string): Promise<ReportInput> {
  const facts = new MemoryFactStore();
  for (const e of await store.readAll({ recordedUntil: new Date(asOf), streamPrefix: REPORT_EVENT_PREFIXES, sealed: true }))
    applyReportEvent(facts, e);
  return facts.toInput();
}

/** The facts in one order (readers of ReportInput do not depend on it; the live path's SQL gives none either). */
function canonical(input: ReportInput): ReportInput {
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return { units: byId(input.units), cases: byId(input.cases), breaches: byId(input.breaches), guarantees: byId(input.guarantees) };
}

const snapshotRows = (rm: ReadModelStore) =>
  rm.all<{ kind: string; id: string; cut: number; fact: string }>(
    'SELECT kind, id, cut, fact FROM report_snapshots ORDER BY kind, id, cut',
  );

const tableExists = (rm: ReadModelStore, name: string) =>
  rm.get("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?", name) !== undefined;

describe('report snapshots: asOf folds from the last cut before the instant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-report-snapshots-'));
  const path = join(dir, 'read-models.sqlite');
  const clock = new FixedClock(new Date(YEAR_START));
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), clock });
  const readModels = new ReadModelStore(path);
  let runner: ProjectionRunner;
  // A second read-model file, written by the live path as the log is written (the other is built by a rebuild's path).
  const livePath = join(dir, 'live-read-models.sqlite');
  const liveModels = new ReadModelStore(livePath);
  const liveRunner = new ProjectionRunner(store, liveModels, { batchSize: 37 });
  /** Every distinct record time of the log, in order. */
  let times: string[];
  /** Each cut with the record time of the last event before it. */
  let cuts: { cut: bigint; lastBefore: string }[];

  const start = async (projection: Projection, options: ProjectionRunnerOptions = {}) => {
    runner = new ProjectionRunner(store, readModels, options);
    runner.register(projection);
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 60_000)).toBe(true);
  };

  /** Snapshot-based (from each file), whole-log and reference folds agree at the instant, fact by fact and in the yearly figures. */
  const expectSameAt = async (asOf: string, files = [path, livePath]) => {
    const reference = await referenceFold(store, asOf);
    const whole = parseReportInput(await replayReportFacts(store, { asOf }));
    expect({ asOf, ...canonical(whole) }).toEqual({ asOf, ...canonical(reference) });
    const now = new Date(asOf);
    for (const file of files) {
      const snapshot = parseReportInput(await replayReportFacts(store, { asOf, readModels: file }));
      expect({ asOf, file, ...canonical(snapshot) }).toEqual({ asOf, file, ...canonical(reference) });
      expect(yearlyReport(snapshot, 2025, now)).toEqual(yearlyReport(reference, 2025, now));
    }
  };

  beforeAll(async () => {
    // The live path follows the log as it is written: units of work of 37 events at most, some cut across by a cut.
    liveRunner.register(reportFactsProjection(EVERY));
    await liveRunner.start();
    await writeYear(store, clock, 4000);
    expect(await liveRunner.waitFor(await store.headPosition(), 60_000)).toBe(true);
    await liveRunner.stop();
    // This file's generation is built by a rebuild's path: units of work of 1,000 events span several cuts.
    await start(reportFactsProjection(EVERY), { batchSize: 37, rebuildPageSize: 50, rebuildUnitOfWork: 1000 });
    await runner.rebuild(REPORT_PROJECTION);
    await readModels.settled;
    expect(readModels.checkpoints.get(REPORT_PROJECTION)).toMatchObject({ generation: 2 });
    const events = await store.readAll({ lean: true });
    times = [...new Set(events.map((e) => e.metadata.recordedAt))];
    const distinct = readModels.all<{ cut: number }>('SELECT DISTINCT cut FROM report_snapshots ORDER BY cut').map((r) => BigInt(r.cut));
    cuts = distinct
      .filter((cut) => cut <= events[events.length - 1].position)
      .map((cut) => ({ cut, lastBefore: events.filter((e) => e.position < cut).pop()!.metadata.recordedAt }));
  }, 120_000);
  afterAll(async () => {
    await runner.stop();
    readModels.close();
    liveModels.close();
    await store.close();
  });

  it('writes a row per fact and cut it changed before, over a year of record time, the same on the live and the rebuild path', () => {
    expect(times.length).toBeGreaterThan(1000);
    expect(times[times.length - 1] > '2025-12-01').toBe(true);
    expect(cuts.length).toBeGreaterThanOrEqual(19);
    const rows = snapshotRows(readModels);
    expect(snapshotRows(liveModels)).toEqual(rows);
    const cases = readModels.get<{ n: number }>('SELECT count(*) AS n FROM report_cases')!.n;
    // cases change across cuts here: more rows than facts, far fewer than facts × cuts
    expect(rows.filter((r) => r.kind === 'c').length).toBeGreaterThan(2 * cases);
    expect(rows.filter((r) => r.kind === 'c').length).toBeLessThan(cases * cuts.length * 0.25);
    // no personal data: the facts hold ids, figures, dates and categories (the generator's submitters are named Anna)
    expect(rows.some((r) => r.fact.includes('Anna') || r.fact.includes('example.se'))).toBe(false);
  });

  it('answers like the whole-log fold before the first cut, at and around every cut, between cuts and after the last', async () => {
    const instants = new Set<string>([new Date(YEAR_START - DAY).toISOString(), times[0], times[3]]);
    for (const { lastBefore } of cuts) {
      const i = times.indexOf(lastBefore);
      for (const t of [times[i - 1], lastBefore, new Date(Date.parse(lastBefore) + 1).toISOString(), times[i + 1], times[i + 5]])
        if (t) instants.add(t);
    }
    instants.add(times[times.length - 1]);
    instants.add('2026-06-01T00:00:00.000Z');
    const used = new Set<bigint>();
    for (const asOf of [...instants].sort()) {
      const start = await factsAtLastCut(
        store,
        { readModels: path, projection: REPORT_PROJECTION, version: reportProjection.version },
        asOf,
      );
      // the cut chosen is the last one whose events were all recorded by the instant
      expect({ asOf, cut: start?.cut }).toEqual({ asOf, cut: cuts.filter((c) => c.lastBefore <= asOf).pop()?.cut });
      if (start) used.add(start.cut);
      await expectSameAt(asOf);
    }
    expect(used.size).toBe(cuts.length);
  }, 120_000);

  it('uses no cut the projection has not passed: events appended while it is stopped are folded from the log', async () => {
    await runner.stop();
    const last = cuts[cuts.length - 1].cut;
    clock.set('2025-12-30T12:00:00Z');
    for (let i = 0; i < 3; i++)
      await store.append('unit-sen', [{ type: 'UnitRenamed.v1', data: { unitId: 'enhet-1', name: `Namn ${i}` } }]);
    const head = await store.headPosition();
    await store.append(
      'unit-x',
      Array.from({ length: EVERY + 5 }, (_, i) => ({ type: 'Noise.v1', data: { i } })),
    );
    expect(await store.headPosition()).toBeGreaterThan(last + BigInt(EVERY));
    const asOf = '2026-01-15T00:00:00.000Z';
    const start = await factsAtLastCut(store, { readModels: path, projection: REPORT_PROJECTION, version: reportProjection.version }, asOf);
    expect(start!.cut).toBeLessThanOrEqual(readModels.checkpoints.get(REPORT_PROJECTION)!.position + 1n);
    expect(start!.cut).toBeLessThan(head);
    await expectSameAt(asOf, [path]);
    expect(parseReportInput(await replayReportFacts(store, { asOf, readModels: path })).units.find((u) => u.id === 'enhet-1')!.name).toBe(
      'Namn 2',
    );
  }, 60_000);

  it('is rebuilt with its projection: a rebuild writes the same rows into the new generation, and a version bump drops them', async () => {
    await start(reportFactsProjection(EVERY), { batchSize: 37, rebuildPageSize: 50, rebuildUnitOfWork: 130 });
    // the live path's file is behind the events of the last test: it still folds the rest from the log
    await expectSameAt(times[times.length - 1]);
    const live = snapshotRows(readModels);
    await runner.rebuild(REPORT_PROJECTION);
    await readModels.settled;
    expect(readModels.checkpoints.get(REPORT_PROJECTION)).toMatchObject({ generation: 3, version: reportProjection.version });
    expect(snapshotRows(readModels)).toEqual(live);
    expect(tableExists(readModels, 'report_snapshots__g2')).toBe(false);
    await expectSameAt(times[Math.floor(times.length / 2)]);
    await runner.stop();

    // A new version rebuilds at start; until this code's version is the live one, asOf folds the whole log.
    await start({ ...reportFactsProjection(EVERY), version: reportProjection.version + 1 });
    await readModels.settled;
    expect(readModels.checkpoints.get(REPORT_PROJECTION)).toMatchObject({ generation: 4, version: reportProjection.version + 1 });
    expect(tableExists(readModels, 'report_snapshots__g3')).toBe(false);
    const asOf = times[Math.floor(times.length / 3)];
    const source = { readModels: path, projection: REPORT_PROJECTION, version: reportProjection.version };
    expect(await factsAtLastCut(store, source, asOf)).toBeUndefined();
    expect(await factsAtLastCut(store, { ...source, version: reportProjection.version + 1 }, asOf)).toBeDefined();
    await expectSameAt(asOf);
  }, 120_000);
});
