import { pauseStopsResponseClock, RecordedEvent, stockholmDate, stockholmYear, workingDays } from '@app/core';

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

/** Was the (adopted) version in force on any day? A version adopted without in-force dates (older events) is. */
function everInForce(v: GuaranteeVersionFact): boolean {
  return !v.inForceFrom || !v.inForceUntil || v.inForceUntil > v.inForceFrom;
}

/** Ends a version's time in force on `until` (exclusive), and drops it from the counted versions if it never took effect. */
function endInForce(v: GuaranteeVersionFact, until: string): GuaranteeVersionFact {
  const ended = { ...v, inForceUntil: v.inForceUntil && v.inForceUntil < until ? v.inForceUntil : until };
  return { ...ended, adopted: ended.adopted && everInForce(ended) };
}

/**
 * Does a pause stop the case's response clock? Only one that began at or before respondBy: working days spent waiting
 * for the complainant extend a deadline that has not yet passed. A case asked a question only after its respondBy had
 * passed was already late; the pause excuses nothing, so it stays due (late) and on the overdue list.
 */
export function responseClockStopped(f: CaseFact): boolean {
  return pauseStopsResponseClock(f.pausedSince, f.respondBy);
}

/** Needs a response, has none, and its respondBy has passed at `at` (ISO instant) with the clock running: late. */
export function responseOverdue(f: CaseFact, at: string): boolean {
  return f.needsResponse && !f.respondedAt && at > f.respondBy && !responseClockStopped(f);
}

/** Not acknowledged and past acknowledgeBy at `at`. */
export function acknowledgementOverdue(f: CaseFact, at: string): boolean {
  return !f.acknowledgedAt && at > f.acknowledgeBy;
}

export interface UnitFact {
  id: string;
  name: string;
  department: string;
  district: string;
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

type Data = Record<string, unknown> & { at: string };

/** Folds one event into the facts. The same function serves the live projection and every as-of replay. */
export function applyReportEvent(store: FactStore, event: Pick<RecordedEvent, 'type' | 'data'>): void {
  const d = event.data as Data;
  const caseFact = () => store.getCase(d.caseId as string);
  const updateCase = (change: (f: CaseFact) => void) => {
    const f = caseFact();
    if (!f) return;
    change(f);
    store.putCase(f);
  };
  const updateBreach = (change: (f: BreachFact) => void) => {
    const f = store.getBreach(d.breachId as string);
    if (!f) return;
    change(f);
    store.putBreach(f);
  };
  switch (event.type) {
    case 'UnitRegistered.v1':
      store.putUnit({ id: d.unitId as string, name: d.name as string, department: d.department as string, district: d.district as string });
      break;
    case 'UnitRenamed.v1': {
      const u = store.getUnit(d.unitId as string);
      if (u) store.putUnit({ ...u, name: d.name as string });
      break;
    }
    case 'CaseRegistered.v1':
      store.addCase({
        id: d.caseId as string,
        reference: d.reference as string,
        unitId: d.unitId as string,
        year: stockholmYear(d.receivedAt as string),
        type: d.type as string,
        channel: d.channel as string,
        ...(d.category ? { category: d.category as string } : {}),
        receivedAt: d.receivedAt as string,
        acknowledgeBy: d.acknowledgeBy as string,
        respondBy: d.respondBy as string,
        needsResponse: !!d.needsResponse,
        pausedWorkingDays: 0,
        closures: [],
      });
      break;
    case 'CaseAcknowledged.v1':
      updateCase((f) => (f.acknowledgedAt ??= d.at));
      break;
    case 'CaseTransferred.v1':
      updateCase((f) => (f.unitId = d.toUnitId as string));
      break;
    case 'ComplainantAsked.v1':
      updateCase((f) => (f.pausedSince = d.at));
      break;
    case 'CaseResumed.v1':
      updateCase((f) => {
        // The pause is left out of the response time either way; it moves the deadline only if it stopped the clock.
        f.pausedWorkingDays += Number(d.pausedWorkingDays ?? 0);
        if (responseClockStopped(f)) f.respondBy = d.respondBy as string;
        delete f.pausedSince;
      });
      break;
    case 'CaseResponded.v1':
      updateCase((f) => {
        f.respondedAt ??= d.at;
        if (d.outcome) f.outcome = d.outcome as string;
      });
      break;
    case 'CaseClosed.v1':
      updateCase((f) => f.closures.push({ closedAt: d.at }));
      break;
    case 'CaseMerged.v1':
      updateCase((f) => {
        f.mergedInto = d.intoCaseId as string;
        f.closures.push({ closedAt: d.at });
      });
      break;
    case 'CaseReopened.v1':
    case 'CaseUnmerged.v1':
      updateCase((f) => {
        if (event.type === 'CaseUnmerged.v1') delete f.mergedInto;
        const last = f.closures[f.closures.length - 1];
        if (last && !last.reopenedAt) last.reopenedAt = d.at;
      });
      break;
    case 'GuaranteeDrafted.v1': {
      const g = store.getGuarantee(d.guaranteeId as string) ?? {
        id: d.guaranteeId as string,
        unitId: d.unitId as string,
        year: d.year as number,
        versions: [],
      };
      const commitmentIds = (d.commitments as { id: string }[]).map((c) => c.id);
      g.versions = [...g.versions.filter((v) => v.version !== d.version), { version: d.version as number, commitmentIds, adopted: false }];
      store.putGuarantee(g);
      break;
    }
    case 'GuaranteeAdopted.v1': {
      const g = store.getGuarantee(d.guaranteeId as string);
      if (!g) break;
      const from = d.inForceFrom as string | undefined;
      g.versions = g.versions.map((v) => {
        if (v.version === d.version) return { ...v, adopted: true, ...(from ? { inForceFrom: from } : {}) };
        return from && v.version === d.supersedesVersion ? endInForce(v, from) : v;
      });
      store.putGuarantee(g);
      break;
    }
    case 'GuaranteeWithdrawn.v1': {
      // A withdrawn version leaves force on withdrawnOn; it counts for the part of the year it was in force (DOMAIN.md is silent).
      const g = store.getGuarantee(d.guaranteeId as string);
      if (!g) break;
      g.versions = g.versions.map((v) => (v.version === d.version ? { ...endInForce(v, d.withdrawnOn as string), withdrawn: true } : v));
      store.putGuarantee(g);
      break;
    }
    case 'BreachReported.v1':
      store.putBreach({
        id: d.breachId as string,
        unitId: d.unitId as string,
        guaranteeId: d.guaranteeId as string,
        commitmentId: d.commitmentId as string,
        year: stockholmYear(d.occurredAt as string),
        status: 'reported',
        remedies: [],
      });
      break;
    case 'BreachConfirmed.v1':
      updateBreach((f) => (f.status = 'confirmed'));
      break;
    case 'BreachRejected.v1':
      updateBreach((f) => (f.status = 'rejected'));
      break;
    case 'RemedyPlanned.v1':
      updateBreach((f) => {
        f.status = f.status === 'reported' ? 'confirmed' : f.status;
        f.remedies.push({ remedyId: d.remedyId as string, dueOn: d.dueOn as string });
      });
      break;
    case 'RemedyCompleted.v1':
      updateBreach((f) => {
        const r = f.remedies.find((x) => x.remedyId === d.remedyId);
        if (r) r.completedAt = d.completedAt as string;
        if (f.remedies.every((x) => x.completedAt)) f.status = 'remedied';
      });
      break;
  }
}

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
}
