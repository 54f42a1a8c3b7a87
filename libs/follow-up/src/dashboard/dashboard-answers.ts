import { CategoryList, mapCategory } from '@app/cases/projections';
import { stockholmDate } from '@app/core';
import type { CaseFact } from '../report-facts/report-facts';
import type { ReportInput } from '../yearly-report/yearly-figures';
import { CaseFigure, FigureCase, figureCases } from './dashboard-cases';
import { CommitmentFigures, commitmentFigures, MonthOnTime, onTimeByMonth } from './dashboard-figures';

export interface DashboardParams {
  year: number;
  asOf?: string;
  unitId?: string;
  department?: string;
}

export type FigureCasesParams = DashboardParams & { figure: CaseFigure; category?: string };

/** At most this many cases in one answer; `total` says how many there are. */
const LIMIT = 500;

/**
 * The units a dashboard read covers: those of `scope` (undefined = all), narrowed to the unit or department asked for;
 * none when `q.unitId` names one outside them (a 404).
 */
export function dashboardUnits<U extends { id: string; department: string }>(
  units: U[],
  q: DashboardParams,
  scope: string[] | undefined,
): U[] {
  return units.filter(
    (u) => (!scope || scope.includes(u.id)) && (!q.unitId || u.id === q.unitId) && (!q.department || u.department === q.department),
  );
}

/** The facts of `all` that belong to `units`, with `cases` (picked by the caller: the live read model reads only a year's). */
export function dashboardInput(all: ReportInput, units: ReportInput['units'], cases: CaseFact[] | 'of the units'): ReportInput {
  const ids = new Set(units.map((u) => u.id));
  const mine = <T extends { unitId: string }>(items: T[]) => items.filter((i) => ids.has(i.unitId));
  return {
    units,
    cases: cases === 'of the units' ? mine(all.cases) : cases,
    breaches: mine(all.breaches),
    guarantees: mine(all.guarantees),
  };
}

export function onTimeAnswer(q: DashboardParams, input: ReportInput, now: Date): { year: number; asOf: string; months: MonthOnTime[] } {
  return { year: q.year, asOf: now.toISOString(), months: onTimeByMonth(input.cases, q.year, now) };
}

export function commitmentsAnswer(
  q: DashboardParams,
  input: ReportInput,
  now: Date,
): { year: number; asOf: string; commitments: CommitmentFigures[] } {
  const commitments = commitmentFigures(input.guarantees, input.breaches, q.year, stockholmDate(now));
  return { year: q.year, asOf: now.toISOString(), commitments };
}

/** The cases behind a figure, a category as the figures group it by `list` (the list is only read when a category is asked for). */
export function figureCasesAnswer(
  q: FigureCasesParams,
  input: ReportInput,
  now: Date,
  list: CategoryList | undefined,
): { year: number; asOf: string; total: number; cases: FigureCase[] } {
  const { category } = q;
  const only =
    category === undefined || !list ? undefined : { category, keyOf: (recorded: string) => mapCategory(list, recorded) ?? recorded };
  const cases = figureCases(input.cases, q.figure, q.year, now, only);
  return { year: q.year, asOf: now.toISOString(), total: cases.length, cases: cases.slice(0, LIMIT) };
}

/** The dashboard's answers by name, as an as-of replay computes them (see dashboard.replay.ts). */
export const dashboardAnswers = {
  onTime: onTimeAnswer,
  commitments: commitmentsAnswer,
  cases: (q: DashboardParams, input: ReportInput, now: Date, list: CategoryList) =>
    figureCasesAnswer(q as FigureCasesParams, input, now, list),
};

export type DashboardView = keyof typeof dashboardAnswers;
export type DashboardAnswer<V extends DashboardView> = ReturnType<(typeof dashboardAnswers)[V]>;
