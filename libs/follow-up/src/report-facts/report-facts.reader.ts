import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { CategoryList, loadCategories } from '@app/cases';
import { CLOCK, Clock, stockholmDate } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost, ReplayPool } from '@app/platform';
import { ReportInput } from '../yearly-report/yearly-figures';
import { parseReportInput } from './json-fact-store';
import { replayReportFacts, ReportReplayArgs } from './replay-report-facts';
import { caseTalliesFromReadModel } from './report-case-tallies';
import { CaseFact } from './report-facts';
import { FactRow } from './report.projection';

/** Report facts as the read model holds them now, or as the log held them at a past record-time instant. */
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

  /** What a read of `year` starts from: the log replayed up to `asOf` when given, else the live read model's rows for the units. */
  async load(year: number, asOf: Date | undefined, unitIds?: string[]): Promise<{ now: Date; input: ReportInput }> {
    const input = asOf ? await this.asOf(asOf) : this.current(year, unitIds);
    return { now: asOf ?? this.now(), input };
  }

  /** From the live read model: only the year's rows. */
  current(year: number, unitIds?: string[]): ReportInput {
    const rm = this.host.readModels;
    const scope = unitIds ? ` AND unit_id IN (${unitIds.map(() => '?').join(', ') || "''"})` : '';
    const rows = <T>(table: string) =>
      rm.all<FactRow>(`SELECT fact FROM ${table} WHERE year = ?${scope}`, year, ...(unitIds ?? [])).map((r) => JSON.parse(r.fact) as T);
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
    const scope = unitIds ? ` AND unit_id IN (${unitIds.map(() => '?').join(', ') || "''"})` : '';
    return this.caseFacts(`year = ?${scope}`, year, ...(unitIds ?? [])).filter((c) => stockholmDate(c.receivedAt) <= until);
  }

  /** Every case of the unit that is open now, whatever its year. */
  openCasesOf(unitId: string): CaseFact[] {
    return this.caseFacts('unit_id = ?', unitId);
  }

  /** The live read model's case facts of a year for these units (current() leaves cases to SQL aggregation). */
  yearCases(year: number, unitIds: string[]): CaseFact[] {
    if (!unitIds.length) return [];
    return this.caseFacts(`year = ? AND unit_id IN (${unitIds.map(() => '?').join(', ')})`, year, ...unitIds);
  }

  private caseFacts(where: string, ...params: unknown[]): CaseFact[] {
    return this.host.readModels
      .all<FactRow>(`SELECT fact FROM report_cases WHERE ${where}`, ...params)
      .map((r) => JSON.parse(r.fact) as CaseFact);
  }

  /**
   * By replay: the same fold over the log up to `asOf` (record time), in memory, in a replay thread (ReplayPool: bounded,
   * abandoned with its request), from the report projection's last snapshot before it where there is one; the live
   * tables are not touched.
   */
  async asOf(asOf: Date): Promise<ReportInput> {
    const args: ReportReplayArgs = { asOf: asOf.toISOString(), readModels: this.host.readModels.db.name };
    return parseReportInput(await this.replays.run('reportFacts', replayReportFacts, this.store, args));
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
