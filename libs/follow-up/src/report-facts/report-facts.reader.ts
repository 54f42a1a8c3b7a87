import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { CategoryList, loadCategories } from '@app/cases/projections';
import { CLOCK, Clock, stockholmDate } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost, ReplayPool } from '@app/platform';
import { figuresReplays, FiguresReplayName } from '../projections';
import { ReportInput } from '../yearly-report/yearly-figures';
import type { ReportReplayArgs } from './replay-report-facts';
import { caseTalliesFromReadModel } from './report-case-tallies';
import { CaseFact } from './report-facts';
import { unitCondition } from './report-scope';
import { FactRow } from './report.projection';

type FiguresReplay<N extends FiguresReplayName> = (typeof figuresReplays)[N];
/** What a figures replay is asked besides the instant and the read-model file, which ReportFacts adds. */
export type FiguresArgs<N extends FiguresReplayName> = Omit<Parameters<FiguresReplay<N>>[1], keyof ReportReplayArgs>;
export type FiguresAnswer<N extends FiguresReplayName> = Awaited<ReturnType<FiguresReplay<N>>>;

/** Report facts as the read model holds them now, and figures as the log held them at a past record-time instant. */
@Injectable()
export class ReportFacts {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly replays: ReplayPool,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * What a live read of `year` starts from: the live read model's rows for the units, now. A read as of a past instant is
   * computed whole in a replay thread instead (replayFigures).
   */
  load(year: number, unitIds?: string[]): { now: Date; input: ReportInput } {
    return { now: this.now(), input: this.current(year, unitIds) };
  }

  /** From the live read model: only the year's rows. */
  current(year: number, unitIds?: string[]): ReportInput {
    const rm = this.host.readModels;
    const scope = unitCondition(unitIds);
    const rows = <T>(table: string) =>
      rm.all<FactRow>(`SELECT fact FROM ${table} WHERE year = ?${scope.sql}`, year, ...scope.params).map((r) => JSON.parse(r.fact) as T);
    return {
      units: rm.all<FactRow>('SELECT fact FROM report_units').map((r) => JSON.parse(r.fact)),
      cases: [], // aggregated in SQL: see caseTallies
      breaches: rows('report_breaches'),
      guarantees: rows('report_guarantees'),
    };
  }

  /** The case part of each unit's figures, aggregated over the read model's columns. */
  caseTallies(year: number, now: Date, unitIds?: string[]) {
    return caseTalliesFromReadModel(this.host.readModels, year, now, unitIds);
  }

  /** The category list the figures group by: as it stands, or as it stood at `asOf` (record time). */
  categories(asOf?: Date): Promise<CategoryList> {
    return loadCategories(this.store, asOf);
  }

  /** The live read model's case facts of a year received up to `until` (YYYY-MM-DD, Stockholm), for these units or all. */
  periodCases(year: number, until: string, unitIds?: string[]): CaseFact[] {
    const scope = unitCondition(unitIds);
    return this.caseFacts(`year = ?${scope.sql}`, year, ...scope.params).filter((c) => stockholmDate(c.receivedAt) <= until);
  }

  /** Every case of the unit in the live read model, open or closed, whatever its year: the caller picks the open ones. */
  caseFactsOf(unitId: string): CaseFact[] {
    return this.caseFacts('unit_id = ?', unitId);
  }

  /** The live read model's case facts of a year for these units (current() leaves cases to SQL aggregation). */
  yearCases(year: number, unitIds: string[]): CaseFact[] {
    if (!unitIds.length) return [];
    const scope = unitCondition(unitIds);
    return this.caseFacts(`year = ?${scope.sql}`, year, ...scope.params);
  }

  private caseFacts(where: string, ...params: unknown[]): CaseFact[] {
    return this.host.readModels
      .all<FactRow>(`SELECT fact FROM report_cases WHERE ${where}`, ...params)
      .map((r) => JSON.parse(r.fact) as CaseFact);
  }

  /**
   * The answer of the as-of figures replay `name` (see figuresReplays): the facts folded to `asOf` and the figures computed
   * from them in a replay thread (ReplayPool: bounded, abandoned with its request), from the report projection's last
   * snapshot before it where there is one. Only the answer comes back: this thread neither parses nor tallies the facts.
   */
  replayFigures<N extends FiguresReplayName>(name: N, args: FiguresArgs<N>, asOf: Date): Promise<FiguresAnswer<N>> {
    const full = { ...args, asOf: asOf.toISOString(), readModels: this.host.readModels.db.name };
    const replay = figuresReplays[name] as (store: EventStore, a: typeof full, signal?: AbortSignal) => Promise<FiguresAnswer<N>>;
    return this.replays.run(name, replay, this.store, full);
  }

  /** The `asOf` parameter as an instant; one in the future is a 400 naming asOf (the report cannot show what was not yet recorded). */
  asOfInstant(asOf: string | undefined): Date | undefined {
    if (!asOf) return undefined;
    const instant = new Date(asOf);
    if (instant > this.now())
      throw new BadRequestException({
        message: 'asOf cannot be in the future',
        problem: { errors: [{ field: 'asOf', message: 'cannot be in the future' }] },
      });
    return instant;
  }
}
