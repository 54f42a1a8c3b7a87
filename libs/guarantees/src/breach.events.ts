export type BreachSource = 'case' | 'follow_up';

export type BreachReported = {
  type: 'BreachReported.v1';
  data: {
    breachId: string;
    guaranteeId: string;
    guaranteeVersion: number;
    commitmentId: string;
    unitId: string;
    occurredAt: string;
    description: string;
    source: BreachSource;
    caseId?: string;
    at: string;
  };
};
export type BreachConfirmed = { type: 'BreachConfirmed.v1'; data: { breachId: string; unitId: string; note?: string; at: string } };
export type BreachRejected = { type: 'BreachRejected.v1'; data: { breachId: string; unitId: string; reason: string; at: string } };
export type RemedyPlanned = {
  type: 'RemedyPlanned.v1';
  data: { breachId: string; unitId: string; remedyId: string; action: string; responsible: string; dueOn: string; at: string };
};
export type RemedyCompleted = {
  type: 'RemedyCompleted.v1';
  data: {
    breachId: string;
    unitId: string;
    remedyId: string;
    completedAt: string;
    outcome: string;
    complainantInformed: boolean;
    at: string;
  };
};

export type BreachEvent = BreachReported | BreachConfirmed | BreachRejected | RemedyPlanned | RemedyCompleted;

export const BREACH_CATEGORY = 'breach';
export const breachStream = (breachId: string) => `${BREACH_CATEGORY}-${breachId}`;
