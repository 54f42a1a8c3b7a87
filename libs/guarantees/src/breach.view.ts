import { remedyOverdue, stockholmDate } from '@app/core';
import { BreachState } from './breach.decider';

export function toBreachView(s: BreachState, now: Date) {
  const today = stockholmDate(now);
  return {
    id: s.breachId!,
    status: s.status!,
    guaranteeId: s.guaranteeId!,
    guaranteeVersion: s.guaranteeVersion!,
    commitmentId: s.commitmentId!,
    unitId: s.unitId!,
    occurredAt: s.occurredAt!,
    description: s.description!,
    source: s.source!,
    ...(s.caseId ? { caseId: s.caseId } : {}),
    reportedAt: s.reportedAt!,
    ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
    ...(s.confirmNote ? { note: s.confirmNote } : {}),
    ...(s.rejectReason ? { rejectReason: s.rejectReason } : {}),
    /** Confirmed with no remedy planned yet: a confirmed breach needs at least one. */
    needsRemedy: s.status === 'confirmed' && s.remedies.length === 0,
    remedies: s.remedies.map((r) => ({
      remedyId: r.remedyId,
      status: r.status,
      action: r.action,
      responsible: r.responsible,
      dueOn: r.dueOn,
      overdue: remedyOverdue(r, today),
      ...(r.completedAt ? { completedAt: r.completedAt, outcome: r.outcome, complainantInformed: r.complainantInformed } : {}),
    })),
  };
}

export type BreachView = ReturnType<typeof toBreachView>;
