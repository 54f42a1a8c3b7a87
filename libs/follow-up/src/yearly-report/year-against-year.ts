import { isCalendarDate, stockholmDate } from '@app/core';
import { emptyTally, Figures, figuresOf, Period } from './tally';
import { YearlyReport } from './yearly-figures';

/** The part of the year before that a year is compared with: from 1 January to `to`, both days included. */
export interface PreviousPeriod {
  year: number;
  from: string;
  to: string;
}

/**
 * A year is compared with the whole year before once it is over; while it runs (at `now`, Stockholm), with the same
 * period of the year before, 1 January up to the same date (29 February: the 28th), so the comparison is fair.
 */
export function previousPeriod(year: number, now: Date): { period: PreviousPeriod; tally: Period } {
  const prev = year - 1;
  const today = stockholmDate(now);
  if (today > `${year}-12-31`) return { period: { year: prev, from: `${prev}-01-01`, to: `${prev}-12-31` }, tally: {} };
  let to = `${prev}-${today.slice(5)}`;
  if (!isCalendarDate(to)) to = `${prev}-02-28`;
  return { period: { year: prev, from: `${prev}-01-01`, to }, tally: { until: to } };
}

export type WithPreviousYear<T> = T & { previousYear: Figures };

/** A yearly report with, on every row and the totals, the same figures for the period of the year before. */
export interface ComparedReport extends YearlyReport {
  previousPeriod: PreviousPeriod;
  units: WithPreviousYear<YearlyReport['units'][number]>[];
  departments: WithPreviousYear<YearlyReport['departments'][number]>[];
  districts: WithPreviousYear<YearlyReport['districts'][number]>[];
  totals: WithPreviousYear<Figures>;
}

/** Puts the figures of the previous period beside this year's, row by row (a row without cases then gets empty figures). */
export function withPreviousYear(report: YearlyReport, previous: YearlyReport, period: PreviousPeriod): ComparedReport {
  const empty = () => figuresOf(emptyTally());
  const pick = <T>(rows: T[], key: (r: T) => string) => {
    const byKey = new Map(rows.map((r) => [key(r), r]));
    return (r: T) => ({ ...r, previousYear: stripped((byKey.get(key(r)) as Figures | undefined) ?? empty()) });
  };
  const dept = (d: { district: string; department: string }) => `${d.district}\u0000${d.department}`;
  const known = new Set(report.categories.map((c) => c.id));
  return {
    ...report,
    categories: [...report.categories, ...previous.categories.filter((c) => !known.has(c.id))],
    unmappedCategories: [...new Set([...report.unmappedCategories, ...previous.unmappedCategories])].sort((a, b) =>
      a.localeCompare(b, 'sv'),
    ),
    previousPeriod: period,
    units: report.units.map(pick(previous.units, (u) => u.unitId)),
    departments: report.departments.map(pick(previous.departments, dept)),
    districts: report.districts.map(pick(previous.districts, (d) => d.district)),
    totals: { ...report.totals, previousYear: stripped(previous.totals) },
  };
}

/** The figures alone, without the row's names. */
function stripped(row: Figures): Figures {
  const { unitId: _u, unitName: _n, department: _d, district: _s, ...figures } = row as Figures & Record<string, unknown>;
  return figures as Figures;
}

/** A figure this year against the period of the year before; `change` is null where either is (shares change in [−1, 1]). */
export interface FigureChange {
  previous: number | null;
  current: number | null;
  change: number | null;
}

const change = (current: number | null, previous: number | null): FigureChange => ({
  previous,
  current,
  change: current === null || previous === null ? null : current - previous,
});
export const casesOf = (f: Figures) => Object.values(f.casesByType).reduce((a, b) => a + b, 0);
/** Cases received without a category on the list (the report's "Utan kategori"). */
export const uncategorisedOf = (f: Figures) => casesOf(f) - Object.values(f.casesByCategory).reduce((a, b) => a + b, 0);

/** The change of each headline figure, and of the cases and complaints per category (every category either year has). */
export function figureChanges(current: Figures, previous: Figures) {
  const perCategory = (pick: (f: Figures) => Record<string, number>) =>
    Object.fromEntries(
      [...new Set([...Object.keys(pick(current)), ...Object.keys(pick(previous))])].map((k) => [
        k,
        change(pick(current)[k] ?? 0, pick(previous)[k] ?? 0),
      ]),
    );
  return {
    cases: change(casesOf(current), casesOf(previous)),
    complaints: change(current.casesByType.complaint, previous.casesByType.complaint),
    acknowledgedOnTime: change(current.acknowledgedOnTime.share, previous.acknowledgedOnTime.share),
    respondedOnTime: change(current.respondedOnTime.share, previous.respondedOnTime.share),
    medianResponseWorkingDays: change(current.medianResponseWorkingDays, previous.medianResponseWorkingDays),
    openAtYearEnd: change(current.openAtYearEnd, previous.openAtYearEnd),
    complaintsJustifiedShare: change(current.complaintsJustifiedShare, previous.complaintsJustifiedShare),
    fulfilment: change(current.fulfilment, previous.fulfilment),
    breachesConfirmed: change(current.breaches.confirmed, previous.breaches.confirmed),
    casesByCategory: perCategory((f) => f.casesByCategory),
    complaintsByCategory: perCategory((f) => f.complaintsByCategory),
  };
}

export type FigureChanges = ReturnType<typeof figureChanges>;
