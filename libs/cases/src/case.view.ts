import { ForbiddenException } from '@nestjs/common';
import { canActForUnit, hasRole, Principal } from '@app/auth';
import { CaseState } from './case.decider';
import { caseFlags } from './case.flags';

/** May this user read the case's text and submitter? Confidential cases: the unit's managers, admins and auditors only. */
export function canReadContent(user: Principal, s: Pick<CaseState, 'confidential' | 'unitId'>): boolean {
  if (!s.confidential) return true;
  if (user.roles.includes('admin') || user.roles.includes('auditor')) return true;
  return user.roles.includes('manager') && canActForUnit(user, s.unitId!);
}

/**
 * May this user see the case at all? Intake, admins and auditors see every case; managers their units' cases. A unit
 * claim alone grants nothing: without one of these roles (a token with `roles: []`) no case is visible.
 */
export function canSeeCase(user: Principal, unitId: string): boolean {
  return seesAllCases(user) || (hasRole(user, 'manager') && canActForUnit(user, unitId));
}

/** 403 unless the user may see cases of the unit (canSeeCase). */
export function mustSeeCase(user: Principal, unitId: string): void {
  if (!canSeeCase(user, unitId)) throw new ForbiddenException(`you may not read cases of unit ${unitId}`);
}

export function seesAllCases(user: Principal): boolean {
  return hasRole(user, 'intake', 'admin', 'auditor') || (hasRole(user, 'manager') && user.units.includes('*'));
}

/** The units whose cases a list shows this user: all, their own as a manager, none otherwise. */
export function visibleUnits(user: Principal): 'all' | string[] {
  if (seesAllCases(user)) return 'all';
  return hasRole(user, 'manager') ? user.units : [];
}

export function toCaseView(s: CaseState, now: Date, withContent: boolean) {
  const flags = caseFlags(s, now);
  return {
    id: s.caseId!,
    reference: s.reference!,
    type: s.type!,
    channel: s.channel!,
    unitId: s.unitId!,
    status: s.status!,
    ...(s.category ? { category: s.category } : {}),
    confidential: !!s.confidential,
    ...(s.resolution ? { resolution: s.resolution } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    ...(s.assignee ? { assignee: s.assignee } : {}),
    receivedAt: s.receivedAt!,
    registeredAt: s.registeredAt!,
    ...(s.acknowledgedAt ? { acknowledgedAt: s.acknowledgedAt } : {}),
    ...(s.respondedAt ? { respondedAt: s.respondedAt } : {}),
    ...(s.closedAt ? { closedAt: s.closedAt } : {}),
    acknowledgeBy: s.acknowledgeBy!,
    respondBy: s.respondBy!,
    wantsReply: !!s.wantsReply,
    needsResponse: !!s.needsResponse,
    overdue: flags.overdue,
    needsDelayNotice: flags.needsDelayNotice,
    openOverSixMonths: flags.openOverSixMonths,
    ...(s.pausedSince ? { pausedSince: s.pausedSince } : {}),
    ...(s.mergedInto ? { mergedInto: s.mergedInto } : {}),
    ...(s.guaranteeId ? { guaranteeId: s.guaranteeId, commitmentId: s.commitmentId } : {}),
    ...(s.breachId ? { breachId: s.breachId } : {}),
    ...(s.location && withContent ? { location: s.location } : {}),
    ...(withContent ? { description: s.description, ...(s.submitter ? { submitter: s.submitter } : {}) } : { contentWithheld: true }),
    delayNotices: s.delayNotices,
    history: s.history.map((h) => ({ type: h.type, at: h.at, ...(h.recordedAt ? { recordedAt: h.recordedAt } : {}), by: h.by ?? null })),
  };
}

export type CaseView = ReturnType<typeof toCaseView>;

/**
 * A case as a command's answer shows it: a confidential case's text and submitter never, whoever asks; they are read
 * by the GET, which logs the disclosure.
 */
export function toCommandView(s: CaseState, user: Principal, now: Date): CaseView {
  return toCaseView(s, now, !s.confidential && canReadContent(user, s));
}
