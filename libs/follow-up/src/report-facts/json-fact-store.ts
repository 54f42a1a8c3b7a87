import type { ReportInput } from '../yearly-report/yearly-figures';
import { BreachFact, CaseFact, FactStore, GuaranteeFact, UnitFact } from './report-facts';

/** A ReportInput as text: each list one JSON array (what an as-of replay thread hands back, see JsonFactStore). */
export type ReportInputText = Record<keyof ReportInput, string>;

export function parseReportInput(text: ReportInputText): ReportInput {
  return {
    units: JSON.parse(text.units) as UnitFact[],
    cases: JSON.parse(text.cases) as CaseFact[],
    breaches: JSON.parse(text.breaches) as BreachFact[],
    guarantees: JSON.parse(text.guarantees) as GuaranteeFact[],
  };
}

/**
 * Facts kept as the JSON they were loaded as (a report snapshot's rows) until a fold touches them, and handed on as text.
 * An as-of read changes few of the facts it loads from a snapshot: the rest are neither parsed nor rebuilt here, and
 * one string per list crosses to the thread that asked, where structured cloning of 100,000 facts, object by object,
 * cost more than parsing their JSON there (at 1M events: 270 ms against 150 ms).
 */
export class JsonFactStore implements FactStore {
  readonly cases = new Map<string, CaseFact | string>();
  readonly breaches = new Map<string, BreachFact | string>();
  readonly guarantees = new Map<string, GuaranteeFact | string>();
  readonly units = new Map<string, UnitFact | string>();
  getCase = (id: string) => parsed(this.cases, id);
  putCase = (f: CaseFact) => void this.cases.set(f.id, f);
  addCase = this.putCase;
  getBreach = (id: string) => parsed(this.breaches, id);
  putBreach = (f: BreachFact) => void this.breaches.set(f.id, f);
  getGuarantee = (id: string) => parsed(this.guarantees, id);
  putGuarantee = (f: GuaranteeFact) => void this.guarantees.set(f.id, f);
  getUnit = (id: string) => parsed(this.units, id);
  putUnit = (f: UnitFact) => void this.units.set(f.id, f);

  toText(): ReportInputText {
    return {
      units: arrayText(this.units),
      cases: arrayText(this.cases),
      breaches: arrayText(this.breaches),
      guarantees: arrayText(this.guarantees),
    };
  }
}

function parsed<T>(facts: Map<string, T | string>, id: string): T | undefined {
  const fact = facts.get(id);
  if (typeof fact !== 'string') return fact;
  const value = JSON.parse(fact) as T;
  facts.set(id, value); // the fold changes it in place from here on
  return value;
}

function arrayText<T>(facts: Map<string, T | string>): string {
  const parts: string[] = [];
  for (const fact of facts.values()) parts.push(typeof fact === 'string' ? fact : JSON.stringify(fact));
  return `[${parts.join(',')}]`;
}
