import type { CaseEvent } from '@app/cases';
import { RecordedEvent, stockholmDate, stockholmYear, workingDays } from '@app/core';
import type { BreachEvent, GuaranteeEvent } from '@app/guarantees';
import type { UnitEvent } from '@app/units';
import { BreachFact, CaseFact, FactStore, GuaranteeFact, GuaranteeVersionFact, responseClockStopped } from './report-facts';

/** Every event the facts are folded from (the streams of REPORT_EVENT_PREFIXES); other types pass by. */
export type ReportEvent = CaseEvent | BreachEvent | GuaranteeEvent | UnitEvent;

/** Folds one event into the facts. The same function serves the live projection and every as-of replay. */
export function applyReportEvent(store: FactStore, event: Pick<RecordedEvent, 'type' | 'data'>): void {
  // The store upcasts every event to its current version, so a stored event of these streams is one of ReportEvent.
  const e = event as ReportEvent;
  switch (e.type) {
    case 'UnitRegistered.v1':
    case 'UnitRenamed.v1':
    case 'UnitClosed.v1':
    case 'UnitContactSet.v1':
      return applyUnitEvent(store, e);
    case 'GuaranteeDrafted.v1':
    case 'GuaranteeAdopted.v1':
    case 'GuaranteeWithdrawn.v1':
      return applyGuaranteeEvent(store, e);
    case 'BreachReported.v1':
    case 'BreachConfirmed.v1':
    case 'BreachRejected.v1':
    case 'RemedyPlanned.v1':
    case 'RemedyCompleted.v1':
      return applyBreachEvent(store, e);
    default:
      return applyCaseEvent(store, e);
  }
}

function applyUnitEvent(store: FactStore, e: UnitEvent): void {
  const d = e.data;
  if (e.type === 'UnitRegistered.v1') {
    store.putUnit({ id: d.unitId, name: e.data.name, department: e.data.department, district: e.data.district });
  } else if (e.type === 'UnitRenamed.v1') {
    const u = store.getUnit(d.unitId);
    if (u) store.putUnit({ ...u, name: e.data.name, formerNames: [...(u.formerNames ?? []), { name: u.name, until: e.data.at }] });
  }
}

function applyCaseEvent(store: FactStore, e: CaseEvent): void {
  if (e.type === 'CaseRegistered.v1') {
    const d = e.data;
    store.addCase({
      id: d.caseId,
      reference: d.reference,
      unitId: d.unitId,
      year: stockholmYear(d.receivedAt),
      type: d.type,
      channel: d.channel,
      ...(d.category ? { category: d.category } : {}),
      receivedAt: d.receivedAt,
      acknowledgeBy: d.acknowledgeBy,
      respondBy: d.respondBy,
      needsResponse: !!d.needsResponse,
      pausedWorkingDays: 0,
      closures: [],
    });
    return;
  }
  const update = (change: (f: CaseFact) => void) => {
    const f = store.getCase(e.data.caseId);
    if (!f) return;
    change(f);
    store.putCase(f);
  };
  const at = e.data.at;
  switch (e.type) {
    case 'CaseAcknowledged.v1':
      return update((f) => (f.acknowledgedAt ??= at));
    case 'CaseTransferred.v1':
      return update((f) => (f.unitId = e.data.toUnitId));
    case 'CaseRecategorised.v1':
      return update((f) => (f.category = e.data.category));
    case 'ComplainantAsked.v1':
      return update((f) => (f.pausedSince = at));
    case 'CaseResumed.v1':
      return update((f) => {
        // Every working day paused before the first response is left out of the response time (the median's "pauses
        // excluded"), a pause begun after respondBy too, though it moves no deadline (the event's pausedWorkingDays,
        // which extend respondBy, are 0 then); a pause after the first response changes no response time.
        if (f.pausedSince && !f.respondedAt)
          f.pausedWorkingDays += workingDays.workingDaysBetween(stockholmDate(f.pausedSince), stockholmDate(at));
        if (responseClockStopped(f)) f.respondBy = e.data.respondBy;
        delete f.pausedSince;
      });
    case 'CaseResponded.v1':
      return update((f) => {
        f.respondedAt ??= at;
        if (e.data.outcome) f.outcome = e.data.outcome;
      });
    case 'CaseClosed.v1':
      return update((f) => f.closures.push({ closedAt: at }));
    case 'CaseMerged.v1':
      return update((f) => {
        f.mergedInto = e.data.intoCaseId;
        f.closures.push({ closedAt: at });
      });
    case 'CaseReopened.v1':
    case 'CaseUnmerged.v1':
      return update((f) => {
        if (e.type === 'CaseUnmerged.v1') delete f.mergedInto;
        const last = f.closures[f.closures.length - 1];
        if (last && !last.reopenedAt) last.reopenedAt = at;
      });
  }
}

function applyGuaranteeEvent(store: FactStore, e: GuaranteeEvent): void {
  const d = e.data;
  if (e.type === 'GuaranteeDrafted.v1') {
    const g: GuaranteeFact = store.getGuarantee(d.guaranteeId) ?? { id: d.guaranteeId, unitId: d.unitId, year: d.year, versions: [] };
    const commitmentIds = e.data.commitments.map((c) => c.id);
    g.versions = [...g.versions.filter((v) => v.version !== d.version), { version: d.version, commitmentIds, adopted: false }];
    store.putGuarantee(g);
    return;
  }
  const g = store.getGuarantee(d.guaranteeId);
  if (!g) return;
  if (e.type === 'GuaranteeAdopted.v1') {
    // Adoptions recorded before in-force dates existed carry none.
    const from: string | undefined = e.data.inForceFrom;
    const supersedes = e.data.supersedesVersion;
    g.versions = g.versions.map((v) => {
      if (v.version === d.version) return { ...v, adopted: true, ...(from ? { inForceFrom: from } : {}) };
      return from && v.version === supersedes ? endInForce(v, from) : v;
    });
  } else {
    // A withdrawn version leaves force on withdrawnOn; it counts for the part of the year it was in force (DOMAIN.md is silent).
    const withdrawnOn = e.data.withdrawnOn;
    g.versions = g.versions.map((v) => (v.version === d.version ? { ...endInForce(v, withdrawnOn), withdrawn: true } : v));
  }
  store.putGuarantee(g);
}

function applyBreachEvent(store: FactStore, e: BreachEvent): void {
  if (e.type === 'BreachReported.v1') {
    const d = e.data;
    store.putBreach({
      id: d.breachId,
      unitId: d.unitId,
      guaranteeId: d.guaranteeId,
      commitmentId: d.commitmentId,
      year: stockholmYear(d.occurredAt),
      occurredAt: d.occurredAt,
      status: 'reported',
      remedies: [],
    });
    return;
  }
  const f = store.getBreach(e.data.breachId);
  if (!f) return;
  changeBreach(f, e);
  store.putBreach(f);
}

function changeBreach(f: BreachFact, e: Exclude<BreachEvent, { type: 'BreachReported.v1' }>): void {
  switch (e.type) {
    case 'BreachConfirmed.v1':
      f.status = 'confirmed';
      break;
    case 'BreachRejected.v1':
      f.status = 'rejected';
      break;
    case 'RemedyPlanned.v1':
      f.status = f.status === 'reported' ? 'confirmed' : f.status;
      f.remedies.push({ remedyId: e.data.remedyId, dueOn: e.data.dueOn });
      break;
    case 'RemedyCompleted.v1': {
      const r = f.remedies.find((x) => x.remedyId === e.data.remedyId);
      if (r) r.completedAt = e.data.completedAt;
      if (f.remedies.every((x) => x.completedAt)) f.status = 'remedied';
      break;
    }
  }
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
