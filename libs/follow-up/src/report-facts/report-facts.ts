import { pauseStopsResponseClock, stockholmDate, workingDays } from '@app/core';
import type { ReportInput } from '../yearly-report/yearly-figures';

/** What the yearly figures need to know about one case (no personal data). */
export interface CaseFact {
  id: string;
  reference: string;
  unitId: string;
  year: number;
  type: string;
  channel: string;
  category?: string;
  receivedAt: string;
  acknowledgeBy: string;
  respondBy: string;
  needsResponse: boolean;
  acknowledgedAt?: string;
  respondedAt?: string;
  outcome?: string;
  mergedInto?: string;
  /** Set while the case waits for the complainant (business time of the question). */
  pausedSince?: string;
  /** Working days paused before the first response: left out of the response time. */
  pausedWorkingDays: number;
  /** Every closing, with the reopening that undid it. */
  closures: { closedAt: string; reopenedAt?: string }[];
}

export interface BreachFact {
  id: string;
  unitId: string;
  guaranteeId: string;
  commitmentId: string;
  year: number;
  /** When it happened (absent in facts folded before it was kept): a comparison period counts breaches by it. */
  occurredAt?: string;
  status: 'reported' | 'confirmed' | 'rejected' | 'remedied';
  remedies: { remedyId: string; dueOn: string; completedAt?: string }[];
}

export interface GuaranteeVersionFact {
  version: number;
  commitmentIds: string[];
  /**
   * Adopted by the board and in force on at least one day of its year: the versions whose commitments count in the
   * year's figures. A superseded or withdrawn version counts for the part of the year it was in force, like any other;
   * one superseded or withdrawn before it took effect never was in force and does not count.
   */
  adopted: boolean;
  /** First day in force (YYYY-MM-DD, Stockholm), from the adoption. */
  inForceFrom?: string;
  /** Exclusive end day: the successor's first day, or the day of withdrawal. Absent = to the end of the year. */
  inForceUntil?: string;
  withdrawn?: boolean;
}

export interface GuaranteeFact {
  id: string;
  unitId: string;
  year: number;
  versions: GuaranteeVersionFact[];
}

/**
 * Does a pause stop the case's response clock? Only one that began at or before respondBy: working days spent waiting
 * for the complainant extend a deadline that has not yet passed. A case asked a question only after its respondBy had
 * passed was already late; the pause excuses nothing, so it stays due (late) and on the overdue list.
 */
export function responseClockStopped(f: CaseFact): boolean {
  return pauseStopsResponseClock(f.pausedSince, f.respondBy);
}

export interface UnitFact {
  id: string;
  name: string;
  department: string;
  district: string;
  /** The names it had before, oldest first, each with the business time of the rename that ended it. */
  formerNames?: { name: string; until: string }[];
}

/** The unit's name at an instant: history keeps the name that applied at the time (DOMAIN.md, Organisation). */
export function unitNameAt(unit: UnitFact, instant: string): string {
  return unit.formerNames?.find((f) => f.until > instant)?.name ?? unit.name;
}

/** Where facts are kept: in memory for an as-of replay, in SQLite tables for the live projection. */
export interface FactStore {
  getCase(id: string): CaseFact | undefined;
  putCase(fact: CaseFact): void;
  /** The fact of a case registered now: there is none stored to replace. */
  addCase(fact: CaseFact): void;
  getBreach(id: string): BreachFact | undefined;
  putBreach(fact: BreachFact): void;
  getGuarantee(id: string): GuaranteeFact | undefined;
  putGuarantee(fact: GuaranteeFact): void;
  getUnit(id: string): UnitFact | undefined;
  putUnit(fact: UnitFact): void;
}

export const REPORT_EVENT_PREFIXES = ['case-', 'breach-', 'guarantee-', 'unit-'];

/** Working days from the day of receipt to the day of the first response, pauses excluded. */
export function responseWorkingDays(f: CaseFact): number | undefined {
  if (!f.respondedAt) return undefined;
  return Math.max(0, workingDays.workingDaysBetween(stockholmDate(f.receivedAt), stockholmDate(f.respondedAt)) - f.pausedWorkingDays);
}

export class MemoryFactStore implements FactStore {
  readonly cases = new Map<string, CaseFact>();
  readonly breaches = new Map<string, BreachFact>();
  readonly guarantees = new Map<string, GuaranteeFact>();
  readonly units = new Map<string, UnitFact>();
  getCase = (id: string) => this.cases.get(id);
  putCase = (f: CaseFact) => void this.cases.set(f.id, f);
  addCase = this.putCase;
  getBreach = (id: string) => this.breaches.get(id);
  putBreach = (f: BreachFact) => void this.breaches.set(f.id, f);
  getGuarantee = (id: string) => this.guarantees.get(id);
  putGuarantee = (f: GuaranteeFact) => void this.guarantees.set(f.id, f);
  getUnit = (id: string) => this.units.get(id);
  putUnit = (f: UnitFact) => void this.units.set(f.id, f);

  /** The facts as the figures read them, each list in the order its facts were first stored. */
  toInput(): ReportInput {
    const { units, cases, breaches, guarantees } = this;
    return {
      units: [...units.values()],
      cases: [...cases.values()],
      breaches: [...breaches.values()],
      guarantees: [...guarantees.values()],
    };
  }
}
