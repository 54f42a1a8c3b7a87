import { CategoryList, defaultCategoryList } from '@app/cases/projections';
import { lateAt } from '@app/core';
import { BreachFact, CaseFact, GuaranteeFact, UnitFact, unitNameAt } from '../report-facts/report-facts';
import { groupByList, ReportCategory, categoriesOfReport } from './category-groups';
import { addTallies, emptyTally, Figures, figuresOf, Period, tallyCases, tallyPromises, Tally, yearEnd } from './tally';

/**
 * The unit's open cases (merged ones and closed ones not reopened left out), and those overdue at `now` on either step;
 * oldest first (by receipt, then reference), so the live read model and an as-of replay list them alike.
 */
export function openAndOverdue(cases: CaseFact[], now: Date) {
  const at = now.toISOString();
  const open = cases
    .filter((c) => !c.mergedInto && !c.closures.some((x) => !x.reopenedAt))
    .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.reference.localeCompare(b.reference));
  const item = (c: CaseFact) => ({
    id: c.id,
    reference: c.reference,
    type: c.type,
    receivedAt: c.receivedAt,
    acknowledgeBy: c.acknowledgeBy,
    respondBy: c.respondBy,
  });
  return {
    open: open.map(item),
    overdue: open
      .map((c) => ({ c, overdue: { acknowledge: lateAt.acknowledge(c, at), respond: lateAt.respond(c, at) } }))
      .filter(({ overdue }) => overdue.acknowledge || overdue.respond)
      .map(({ c, overdue }) => ({ ...item(c), overdue })),
  };
}

export interface UnitFigures extends Figures {
  unitId: string;
  unitName: string;
  department: string;
  district: string;
}

export interface YearlyReport {
  year: number;
  asOf: string;
  /** The categories casesByCategory is keyed by (ids of the list, with labels), in the list's order. */
  categories: ReportCategory[];
  /** Old free-text values no category of the list or mapping takes: keys of casesByCategory under their own text. */
  unmappedCategories: string[];
  units: UnitFigures[];
  departments: (Figures & { department: string; district: string })[];
  districts: (Figures & { district: string })[];
  totals: Figures;
}

export interface ReportInput {
  units: UnitFact[];
  cases: CaseFact[];
  breaches: BreachFact[];
  guarantees: GuaranteeFact[];
}

/** The verksamhetsberättelse figures for a year, per unit, rolled up to department, district and total. */
export function yearlyReport(
  input: ReportInput,
  year: number,
  now: Date,
  filter: { department?: string; district?: string } = {},
  /** Case tallies computed elsewhere (the live read model aggregates them in SQL); otherwise from input.cases. */
  caseTallies?: Map<string, Tally>,
  /** The category list the figures group by (default: the default list), and the part of the year (default: all of it). */
  options: { categories?: CategoryList; period?: Period } = {},
): YearlyReport {
  const list = options.categories ?? defaultCategoryList();
  const period = options.period ?? {};
  const byUnit = <T extends { unitId: string }>(items: T[]) => groupBy(items, (i) => i.unitId);
  const cases = byUnit(input.cases);
  const breaches = byUnit(input.breaches);
  const guarantees = byUnit(input.guarantees);
  // Each unit by the name it had at the end of the year (a rename since is not that year's name).
  const units = input.units
    .filter((u) => (!filter.department || u.department === filter.department) && (!filter.district || u.district === filter.district))
    .map((u) => ({ ...u, name: unitNameAt(u, yearEnd(year)) }))
    .sort(
      (a, b) =>
        a.district.localeCompare(b.district, 'sv') || a.department.localeCompare(b.department, 'sv') || a.name.localeCompare(b.name, 'sv'),
    );
  const tallies = units.map((u) => {
    const cased = caseTallies ? (caseTallies.get(u.id) ?? emptyTally()) : tallyCases(year, now, cases.get(u.id) ?? [], period);
    const tally = groupByList(cased, list);
    tallyPromises(tally, year, breaches.get(u.id) ?? [], guarantees.get(u.id) ?? [], period);
    return { unit: u, tally };
  });
  const totals = figuresOf(addTallies(tallies.map((x) => x.tally)));
  const group = (key: (u: UnitFact) => string) => [...groupBy(tallies, (x) => key(x.unit)).values()];
  return {
    year,
    asOf: now.toISOString(),
    ...categoriesOfReport(list, [totals]),
    units: tallies.map(({ unit, tally }) => ({
      unitId: unit.id,
      unitName: unit.name,
      department: unit.department,
      district: unit.district,
      ...figuresOf(tally),
    })),
    departments: group((u) => `${u.district}\u0000${u.department}`).map((g) => ({
      department: g[0].unit.department,
      district: g[0].unit.district,
      ...figuresOf(addTallies(g.map((x) => x.tally))),
    })),
    districts: group((u) => u.district).map((g) => ({ district: g[0].unit.district, ...figuresOf(addTallies(g.map((x) => x.tally))) })),
    totals,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}
