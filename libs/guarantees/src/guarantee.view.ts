import { displayStatus, GuaranteeState } from './guarantee.decider';

export function toGuaranteeView(s: GuaranteeState, now: Date) {
  const latest = s.versions[s.versions.length - 1];
  const inForce = s.versions.find((v) => v.status === 'adopted');
  return {
    id: s.guaranteeId!,
    unitId: s.unitId!,
    year: s.year!,
    status: displayStatus(s, now),
    version: latest.version,
    title: latest.title,
    ...(latest.intro ? { intro: latest.intro } : {}),
    commitments: latest.commitments,
    remedy: latest.remedy,
    contact: latest.contact,
    ...(latest.decidedOn ? { decidedOn: latest.decidedOn, decisionRef: latest.decisionRef } : {}),
    ...(inForce
      ? { inForce: { version: inForce.version, from: inForce.inForceFrom, decidedOn: inForce.decidedOn, decisionRef: inForce.decisionRef } }
      : {}),
    versions: s.versions.map((v) => ({
      version: v.version,
      status: v.status,
      draftedAt: v.draftedAt,
      ...(v.decidedOn ? { decidedOn: v.decidedOn, decisionRef: v.decisionRef } : {}),
      ...(v.inForceFrom ? { inForceFrom: v.inForceFrom } : {}),
      ...(v.inForceUntil ? { inForceUntil: v.inForceUntil } : {}),
      ...(v.withdrawReason ? { withdrawReason: v.withdrawReason } : {}),
    })),
  };
}

export type GuaranteeView = ReturnType<typeof toGuaranteeView>;
