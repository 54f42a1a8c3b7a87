import { Decider, InvalidInputError, isCalendarDate, NotFoundError, RuleViolationError } from '@app/core';
import { BreachEvent, BreachSource } from './breach.events';
import { commitmentInForce, GuaranteeState } from './guarantee.decider';

export interface Remedy {
  remedyId: string;
  action: string;
  responsible: string;
  dueOn: string;
  status: 'planned' | 'completed';
  plannedAt: string;
  completedAt?: string;
  outcome?: string;
  complainantInformed?: boolean;
}

export type BreachStatus = 'reported' | 'confirmed' | 'rejected' | 'remedied';

export interface BreachState {
  exists: boolean;
  breachId?: string;
  status?: BreachStatus;
  guaranteeId?: string;
  guaranteeVersion?: number;
  commitmentId?: string;
  unitId?: string;
  occurredAt?: string;
  description?: string;
  source?: BreachSource;
  caseId?: string;
  reportedAt?: string;
  decidedAt?: string;
  confirmNote?: string;
  rejectReason?: string;
  remedies: Remedy[];
}

export type BreachCommand =
  | {
      type: 'ReportBreach';
      breachId: string;
      guarantee: GuaranteeState;
      commitmentId: string;
      occurredAt: Date;
      description: string;
      caseId?: string;
      /** The unit the named case belongs to now: a breach reported from a case is the case's unit's. */
      caseUnitId?: string;
      now: Date;
    }
  | { type: 'ConfirmBreach'; breachId: string; note?: string; at?: Date; now: Date }
  | { type: 'RejectBreach'; breachId: string; reason: string; at?: Date; now: Date }
  | {
      type: 'PlanRemedy';
      breachId: string;
      remedyId: string;
      action: string;
      responsible: string;
      dueOn: string;
      /** When it was planned (business time): a plan made on paper and entered later. */
      at?: Date;
      now: Date;
    }
  | {
      type: 'CompleteRemedy';
      breachId: string;
      remedyId: string;
      completedAt?: Date;
      outcome: string;
      complainantInformed: boolean;
      now: Date;
    };

const allCompleted = (remedies: Remedy[]) => remedies.length > 0 && remedies.every((r) => r.status === 'completed');

export const breachDecider: Decider<BreachState, BreachCommand, BreachEvent> = {
  initialState: () => ({ exists: false, remedies: [] }),

  evolve(state, event) {
    switch (event.type) {
      case 'BreachReported.v1': {
        const e = event.data;
        return {
          exists: true,
          breachId: e.breachId,
          status: 'reported',
          guaranteeId: e.guaranteeId,
          guaranteeVersion: e.guaranteeVersion,
          commitmentId: e.commitmentId,
          unitId: e.unitId,
          occurredAt: e.occurredAt,
          description: e.description,
          source: e.source,
          caseId: e.caseId,
          reportedAt: e.at,
          remedies: [],
        };
      }
      case 'BreachConfirmed.v1':
        return { ...state, status: 'confirmed', decidedAt: event.data.at, confirmNote: event.data.note };
      case 'BreachRejected.v1':
        return { ...state, status: 'rejected', decidedAt: event.data.at, rejectReason: event.data.reason };
      case 'RemedyPlanned.v1': {
        const e = event.data;
        const remedy: Remedy = {
          remedyId: e.remedyId,
          action: e.action,
          responsible: e.responsible,
          dueOn: e.dueOn,
          status: 'planned',
          plannedAt: e.at,
        };
        return { ...state, status: 'confirmed', remedies: [...state.remedies, remedy] };
      }
      case 'RemedyCompleted.v1': {
        const e = event.data;
        const remedies = state.remedies.map((r) =>
          r.remedyId === e.remedyId
            ? {
                ...r,
                status: 'completed' as const,
                completedAt: e.completedAt,
                outcome: e.outcome,
                complainantInformed: e.complainantInformed,
              }
            : r,
        );
        return { ...state, remedies, status: allCompleted(remedies) ? 'remedied' : 'confirmed' };
      }
    }
  },

  decide(command, state) {
    const now = command.now;
    const at = now.toISOString();
    if (command.type === 'ReportBreach') {
      if (state.exists) throw new RuleViolationError('breach_exists', `breach ${command.breachId} already exists`);
      if (command.occurredAt > now) throw new InvalidInputError([{ field: 'occurredAt', message: 'cannot be in the future' }]);
      const g = command.guarantee;
      if (!g.exists) throw new NotFoundError('guarantee', '(named)');
      const inForce = commitmentInForce(g, command.commitmentId, command.occurredAt);
      if (!inForce.ok) throw new RuleViolationError('commitment_not_in_force', inForce.reason);
      if (command.caseId && command.caseUnitId !== g.unitId) {
        throw new RuleViolationError(
          'case_of_other_unit',
          `case ${command.caseId} belongs to unit ${command.caseUnitId ?? '(unknown)'}, not to the guarantee's unit ${g.unitId}`,
        );
      }
      return [
        {
          type: 'BreachReported.v1',
          data: {
            breachId: command.breachId,
            guaranteeId: g.guaranteeId!,
            guaranteeVersion: inForce.version,
            commitmentId: command.commitmentId,
            unitId: g.unitId!,
            occurredAt: command.occurredAt.toISOString(),
            description: command.description,
            source: command.caseId ? 'case' : 'follow_up',
            ...(command.caseId ? { caseId: command.caseId } : {}),
            at,
          },
        },
      ];
    }
    if (!state.exists) throw new NotFoundError('breach', command.breachId);
    const unitId = state.unitId!;
    const businessAt = (given: Date | undefined, field: string) => {
      if (!given) return at;
      if (given > now) throw new InvalidInputError([{ field, message: 'cannot be in the future' }]);
      if (state.reportedAt && given.toISOString() < state.occurredAt!) {
        throw new InvalidInputError([{ field, message: 'cannot be before the breach occurred' }]);
      }
      return given.toISOString();
    };
    switch (command.type) {
      case 'ConfirmBreach':
        if (state.status !== 'reported') throw new RuleViolationError('breach_already_decided', `the breach is already ${state.status}`);
        return [
          {
            type: 'BreachConfirmed.v1',
            data: { breachId: state.breachId!, unitId, ...(command.note ? { note: command.note } : {}), at: businessAt(command.at, 'at') },
          },
        ];
      case 'RejectBreach':
        if (state.status !== 'reported') throw new RuleViolationError('breach_already_decided', `the breach is already ${state.status}`);
        if (!command.reason?.trim()) throw new InvalidInputError([{ field: 'reason', message: 'a rejection needs a reason' }]);
        return [
          {
            type: 'BreachRejected.v1',
            data: { breachId: state.breachId!, unitId, reason: command.reason, at: businessAt(command.at, 'at') },
          },
        ];
      case 'PlanRemedy':
        if (state.status === 'reported')
          throw new RuleViolationError('breach_not_confirmed', 'remedies can be planned only for a confirmed breach');
        if (state.status === 'rejected') throw new RuleViolationError('breach_rejected', 'the breach was rejected; it needs no remedy');
        if (!isCalendarDate(command.dueOn)) throw new InvalidInputError([{ field: 'dueOn', message: 'must be a date YYYY-MM-DD' }]);
        if (state.remedies.some((r) => r.remedyId === command.remedyId))
          throw new RuleViolationError('remedy_exists', `remedy ${command.remedyId} exists`);
        if (command.at && state.decidedAt && command.at.toISOString() < state.decidedAt)
          throw new InvalidInputError([{ field: 'at', message: 'cannot be before the breach was confirmed' }]);
        return [
          {
            type: 'RemedyPlanned.v1',
            data: {
              breachId: state.breachId!,
              unitId,
              remedyId: command.remedyId,
              action: command.action,
              responsible: command.responsible,
              dueOn: command.dueOn,
              at: businessAt(command.at, 'at'),
            },
          },
        ];
      case 'CompleteRemedy': {
        const remedy = state.remedies.find((r) => r.remedyId === command.remedyId);
        if (!remedy) throw new NotFoundError('remedy', command.remedyId);
        if (remedy.status === 'completed')
          throw new RuleViolationError('remedy_completed', `remedy ${command.remedyId} is already completed`);
        const completedAt = command.completedAt ?? now;
        if (completedAt > now) throw new InvalidInputError([{ field: 'completedAt', message: 'cannot be in the future' }]);
        if (completedAt.toISOString() < remedy.plannedAt)
          throw new InvalidInputError([{ field: 'completedAt', message: 'cannot be before the remedy was planned' }]);
        return [
          {
            type: 'RemedyCompleted.v1',
            data: {
              breachId: state.breachId!,
              unitId,
              remedyId: remedy.remedyId,
              completedAt: completedAt.toISOString(),
              outcome: command.outcome,
              complainantInformed: command.complainantInformed,
              at,
            },
          },
        ];
      }
    }
  },
};
