import { fold, InvalidInputError, NotFoundError, RuleViolationError } from '@app/core';
import { deciderSpec } from '@app/testing';
import { breachDecider } from './breach.decider';
import { BreachConfirmed, BreachEvent, BreachRejected, BreachReported, RemedyCompleted, RemedyPlanned } from './breach.events';
import { guaranteeDecider } from './guarantee.decider';

const spec = deciderSpec(breachDecider);
const now = new Date('2026-03-02T09:00:00Z');
const at = now.toISOString();
const guarantee = fold(guaranteeDecider, [
  {
    type: 'GuaranteeDrafted.v1',
    data: {
      guaranteeId: 'hgb-2026',
      unitId: 'hgb',
      year: 2026,
      version: 1,
      title: 'T',
      commitments: [{ id: 'c1', text: 'Svar inom fem dagar' }],
      remedy: 'R',
      contact: { name: 'N' },
      at: '2026-01-05T09:00:00.000Z',
    },
  },
  {
    type: 'GuaranteeAdopted.v1',
    data: {
      guaranteeId: 'hgb-2026',
      unitId: 'hgb',
      year: 2026,
      version: 1,
      decidedOn: '2026-01-21',
      decisionRef: '§ 7',
      inForceFrom: '2026-01-21',
      at: '2026-01-22T09:00:00.000Z',
    },
  },
]);
const reported: BreachReported = {
  type: 'BreachReported.v1',
  data: {
    breachId: 'b1',
    guaranteeId: 'hgb-2026',
    guaranteeVersion: 1,
    commitmentId: 'c1',
    unitId: 'hgb',
    occurredAt: '2026-02-20T10:00:00.000Z',
    description: 'Svar dröjde tre veckor',
    source: 'follow_up',
    at: '2026-02-21T09:00:00.000Z',
  },
};
const confirmed: BreachConfirmed = { type: 'BreachConfirmed.v1', data: { breachId: 'b1', unitId: 'hgb', at: '2026-02-22T09:00:00.000Z' } };
const rejected: BreachRejected = { type: 'BreachRejected.v1', data: { breachId: 'b1', unitId: 'hgb', reason: 'x', at } };
const planned = (remedyId = 'r1', plannedAt = '2026-02-22T10:00:00.000Z'): RemedyPlanned => ({
  type: 'RemedyPlanned.v1',
  data: { breachId: 'b1', unitId: 'hgb', remedyId, action: 'Ring upp', responsible: 'Enhetschef', dueOn: '2026-03-01', at: plannedAt },
});
const completed = (remedyId = 'r1', completedAt = at, when = at): RemedyCompleted => ({
  type: 'RemedyCompleted.v1',
  data: { breachId: 'b1', unitId: 'hgb', remedyId, completedAt, outcome: 'Ny tid bokad', complainantInformed: true, at: when },
});

const report = (over: Partial<{ commitmentId: string; occurredAt: Date; caseId: string; caseUnitId: string }> = {}) => ({
  type: 'ReportBreach' as const,
  breachId: 'b1',
  guarantee,
  commitmentId: 'c1',
  occurredAt: new Date('2026-02-20T10:00:00Z'),
  description: 'Svar dröjde tre veckor',
  now,
  ...over,
});
const confirm = (over: { note?: string; at?: Date; now?: Date } = {}) => ({ type: 'ConfirmBreach' as const, breachId: 'b1', now, ...over });
const reject = (reason: string) => ({ type: 'RejectBreach' as const, breachId: 'b1', reason, now });
const plan = (over: { at?: Date; dueOn?: string; now?: Date } = {}) => ({
  type: 'PlanRemedy' as const,
  breachId: 'b1',
  remedyId: 'r1',
  action: 'Ring upp',
  responsible: 'Enhetschef',
  dueOn: '2026-03-01',
  now,
  ...over,
});
const complete = (remedyId = 'r1', over: { completedAt?: Date; now?: Date } = {}) => ({
  type: 'CompleteRemedy' as const,
  breachId: 'b1',
  remedyId,
  outcome: 'Ny tid bokad',
  complainantInformed: true,
  now,
  ...over,
});

describe('breach decider', () => {
  describe('when nothing is reported', () => {
    it('reports a breach of a commitment in force, from the unit follow-up', () =>
      spec
        .given([])
        .when(report())
        .then([{ ...reported, data: { ...reported.data, at } }]));

    it('reports a breach from a case of the guarantee’s unit', () =>
      spec
        .given([])
        .when(report({ caseId: 'case-9', caseUnitId: 'hgb' }))
        .then([{ ...reported, data: { ...reported.data, source: 'case', caseId: 'case-9', at } }]));

    it('refuses a day no adopted version was in force, naming why', () =>
      spec
        .given([])
        .when(report({ occurredAt: new Date('2026-01-10T10:00:00Z') }))
        .thenThrows(RuleViolationError, /no adopted version .* in force on 2026-01-10/));

    it('refuses a commitment not part of the version in force, naming why', () =>
      spec
        .given([])
        .when(report({ commitmentId: 'c9' }))
        .thenThrows(RuleViolationError, /commitment c9 is not part of version 1/));

    it('refuses a breach that occurs in the future', () =>
      spec
        .given([])
        .when(report({ occurredAt: new Date('2026-04-10T10:00:00Z') }))
        .thenThrows(InvalidInputError));

    it('refuses a case of another unit, naming the rule', () =>
      spec
        .given([])
        .when(report({ caseId: 'case-9', caseUnitId: 'fsk' }))
        .thenThrows(RuleViolationError, 'case_of_other_unit'));

    it('refuses a case whose unit is unknown', () =>
      spec
        .given([])
        .when(report({ caseId: 'case-9' }))
        .thenThrows(RuleViolationError, 'case_of_other_unit'));

    it('has nothing to confirm', () => spec.given([]).when(confirm()).thenThrows(NotFoundError));
  });

  describe('when reported', () => {
    it('confirms it, with a note', () =>
      spec
        .given([reported])
        .when(confirm({ note: 'Stämmer' }))
        .then([{ type: 'BreachConfirmed.v1', data: { breachId: 'b1', unitId: 'hgb', note: 'Stämmer', at } }]));

    it('rejects it, with a reason', () =>
      spec
        .given([reported])
        .when(reject('Svar skickades i tid'))
        .then([{ type: 'BreachRejected.v1', data: { breachId: 'b1', unitId: 'hgb', reason: 'Svar skickades i tid', at } }]));

    it('a rejection needs a reason', () => spec.given([reported]).when(reject('  ')).thenThrows(InvalidInputError));

    it('refuses a confirmation dated before the breach', () =>
      spec
        .given([reported])
        .when(confirm({ at: new Date('2026-02-01T00:00:00Z') }))
        .thenThrows(InvalidInputError));

    it('refuses a confirmation dated in the future', () =>
      spec
        .given([reported])
        .when(confirm({ at: new Date('2026-05-01T00:00:00Z') }))
        .thenThrows(InvalidInputError));

    it('plans no remedy before it is confirmed', () =>
      spec.given([reported]).when(plan()).thenThrows(RuleViolationError, 'breach_not_confirmed'));
  });

  describe('when confirmed', () => {
    it('is decided once: no rejection follows', () =>
      spec.given([reported, confirmed]).when(reject('x')).thenThrows(RuleViolationError, 'breach_already_decided'));

    it('plans a remedy', () =>
      spec
        .given([reported, confirmed])
        .when(plan())
        .then([planned('r1', at)]));

    it('takes a remedy planned on paper with its business time', () =>
      spec
        .given([reported, confirmed])
        .when(plan({ at: new Date('2026-02-23T10:00:00Z') }))
        .then([planned('r1', '2026-02-23T10:00:00.000Z')]));

    it('refuses a plan dated before the confirmation', () =>
      spec
        .given([reported, confirmed])
        .when(plan({ at: new Date('2026-02-22T08:00:00Z') }))
        .thenThrows(InvalidInputError, /at: cannot be before the breach was confirmed/));

    it('refuses a plan dated in the future', () =>
      spec
        .given([reported, confirmed])
        .when(plan({ at: new Date('2026-03-03T00:00:00Z') }))
        .thenThrows(InvalidInputError));

    it('refuses a due date that is no calendar date', () =>
      spec
        .given([reported, confirmed])
        .when(plan({ dueOn: '1 mars' }))
        .thenThrows(InvalidInputError));

    it('has no remedy to complete', () => spec.given([reported, confirmed]).when(complete('r9')).thenThrows(NotFoundError));
  });

  describe('when rejected', () => {
    it('needs no remedy', () => spec.given([reported, rejected]).when(plan()).thenThrows(RuleViolationError, 'breach_rejected'));
  });

  describe('when a remedy is planned', () => {
    it('completes it', () => spec.given([reported, confirmed, planned()]).when(complete()).then([completed()]));

    it('accepts a completion dated after a plan made on paper, though before the plan was entered', () =>
      spec
        .given([reported, confirmed, planned('r1', '2026-02-23T10:00:00.000Z')])
        .when(complete('r1', { completedAt: new Date('2026-02-25T12:00:00Z') }))
        .then([completed('r1', '2026-02-25T12:00:00.000Z')]));

    it('refuses a completion dated before the plan', () =>
      spec
        .given([reported, confirmed, planned('r1', at)])
        .when(complete('r1', { completedAt: new Date('2026-02-25T12:00:00Z') }))
        .thenThrows(InvalidInputError));

    it('refuses a completion dated in the future', () =>
      spec
        .given([reported, confirmed, planned()])
        .when(complete('r1', { completedAt: new Date('2027-01-01T00:00:00Z') }))
        .thenThrows(InvalidInputError));

    it('stays confirmed while another remedy is planned', () =>
      spec
        .given([reported, confirmed, planned('r1'), planned('r2')])
        .when(complete('r1'))
        .thenState((s) => expect(s.status).toBe('confirmed')));

    it('is remedied when every remedy is completed', () =>
      spec
        .given([reported, confirmed, planned('r1'), planned('r2'), completed('r1')])
        .when(complete('r2'))
        .thenState((s) => expect(s.status).toBe('remedied')));
  });

  describe('when a remedy is completed', () => {
    it('refuses to complete it again', () =>
      spec.given([reported, confirmed, planned(), completed()]).when(complete()).thenThrows(RuleViolationError, 'remedy_completed'));
  });

  describe('when a case raised it, handled afterwards in business time', () => {
    // The case's letter arrived on 10 February; the system raised its breach when the case was registered on 2 March.
    const raised: BreachEvent = {
      type: 'BreachReported.v1',
      data: { ...reported.data, source: 'case', caseId: 'case-1', occurredAt: '2026-02-10T08:00:00.000Z', at },
    };
    const later = new Date('2026-03-05T09:00:00Z');
    const confirmedEarlier: BreachConfirmed = {
      type: 'BreachConfirmed.v1',
      data: { breachId: 'b1', unitId: 'hgb', at: '2026-02-12T09:00:00.000Z' },
    };
    const plannedEarlier: RemedyPlanned = {
      type: 'RemedyPlanned.v1',
      data: { ...planned().data, dueOn: '2026-02-28', at: '2026-02-13T09:00:00.000Z' },
    };

    it('is confirmed on a date before it was raised', () =>
      spec
        .given([raised])
        .when(confirm({ at: new Date('2026-02-12T09:00:00Z'), now: later }))
        .then([confirmedEarlier]));

    it('is not confirmed before the breach occurred', () =>
      spec
        .given([raised])
        .when(confirm({ at: new Date('2026-02-09T09:00:00Z'), now: later }))
        .thenThrows(InvalidInputError, /before the breach occurred/));

    it('has a remedy planned after the confirmation, before it was raised', () =>
      spec
        .given([raised, confirmedEarlier])
        .when(plan({ dueOn: '2026-02-28', at: new Date('2026-02-13T09:00:00Z'), now: later }))
        .then([plannedEarlier]));

    it('has the remedy completed after the plan, before it was raised', () =>
      spec
        .given([raised, confirmedEarlier, plannedEarlier])
        .when(complete('r1', { completedAt: new Date('2026-02-16T09:00:00Z'), now: later }))
        .then([completed('r1', '2026-02-16T09:00:00.000Z', later.toISOString())]));
  });
});
