import { fold, InvalidInputError, NotFoundError, RuleViolationError } from '@app/core';
import { deciderSpec } from '@app/testing';
import { breachDecider } from './breach.decider';
import { BreachEvent } from './breach.events';
import { guaranteeDecider } from './guarantee.decider';
import { GuaranteeEvent } from './guarantee.events';

const spec = deciderSpec(breachDecider);
const now = new Date('2026-03-02T09:00:00Z');
const plan = {
  type: 'PlanRemedy' as const,
  breachId: 'b1',
  remedyId: 'r1',
  action: 'Ring upp',
  responsible: 'Enhetschef',
  dueOn: '2026-03-01',
  now,
};
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
] as GuaranteeEvent[]);
const reported: BreachEvent = {
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
const confirmed: BreachEvent = { type: 'BreachConfirmed.v1', data: { breachId: 'b1', unitId: 'hgb', at: '2026-02-22T09:00:00.000Z' } };
const planned: BreachEvent = {
  type: 'RemedyPlanned.v1',
  data: {
    breachId: 'b1',
    unitId: 'hgb',
    remedyId: 'r1',
    action: 'Ring upp',
    responsible: 'Enhetschef',
    dueOn: '2026-03-01',
    at: '2026-02-22T10:00:00.000Z',
  },
};
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

describe('breach decider', () => {
  it('reports a breach of a commitment in force, from the unit follow-up or from a case', () => {
    spec
      .given([])
      .when(report())
      .then([{ ...reported, data: { ...reported.data, at: now.toISOString() } }]);
    spec
      .given([])
      .when(report({ caseId: 'case-9', caseUnitId: 'hgb' }))
      .thenMatches([{ data: { source: 'case', caseId: 'case-9' } }]);
  });

  it('refuses a commitment not in force at occurredAt, naming why', () => {
    spec
      .given([])
      .when(report({ occurredAt: new Date('2026-01-10T10:00:00Z') }))
      .thenThrows(RuleViolationError, /no adopted version .* in force on 2026-01-10/);
    spec
      .given([])
      .when(report({ commitmentId: 'c9' }))
      .thenThrows(RuleViolationError, /commitment c9 is not part of version 1/);
    spec
      .given([])
      .when(report({ occurredAt: new Date('2026-04-10T10:00:00Z') }))
      .thenThrows(InvalidInputError);
  });

  it('confirms or rejects once; a rejection needs a reason', () => {
    spec
      .given([reported])
      .when({ type: 'ConfirmBreach', breachId: 'b1', note: 'Stämmer', now })
      .thenMatches([{ type: 'BreachConfirmed.v1', data: { note: 'Stämmer' } }]);
    spec
      .given([reported])
      .when({ type: 'RejectBreach', breachId: 'b1', reason: 'Svar skickades i tid', now })
      .thenMatches([{ type: 'BreachRejected.v1' }]);
    spec.given([reported]).when({ type: 'RejectBreach', breachId: 'b1', reason: '  ', now }).thenThrows(InvalidInputError);
    spec
      .given([reported, confirmed])
      .when({ type: 'RejectBreach', breachId: 'b1', reason: 'x', now })
      .thenThrows(RuleViolationError, 'breach_already_decided');
    spec.given([]).when({ type: 'ConfirmBreach', breachId: 'b1', now }).thenThrows(NotFoundError);
  });

  it('confirming with a business time before the breach or in the future is refused', () => {
    spec
      .given([reported])
      .when({ type: 'ConfirmBreach', breachId: 'b1', at: new Date('2026-02-01T00:00:00Z'), now })
      .thenThrows(InvalidInputError);
    spec
      .given([reported])
      .when({ type: 'ConfirmBreach', breachId: 'b1', at: new Date('2026-05-01T00:00:00Z'), now })
      .thenThrows(InvalidInputError);
  });

  it('plans remedies only on confirmed breaches', () => {
    spec.given([reported]).when(plan).thenThrows(RuleViolationError, 'breach_not_confirmed');
    spec
      .given([reported, { type: 'BreachRejected.v1', data: { breachId: 'b1', unitId: 'hgb', reason: 'x', at: now.toISOString() } }])
      .when(plan)
      .thenThrows(RuleViolationError, 'breach_rejected');
    spec
      .given([reported, confirmed])
      .when(plan)
      .thenMatches([{ type: 'RemedyPlanned.v1', data: { remedyId: 'r1', dueOn: '2026-03-01' } }]);
    spec
      .given([reported, confirmed])
      .when({ ...plan, dueOn: '1 mars' })
      .thenThrows(InvalidInputError);
  });

  it('takes a remedy planned on paper with its business time, so a completion dated after the plan but before its entry is accepted', () => {
    // planned on 23 February, entered on 2 March (now); completed on 25 February
    spec
      .given([reported, confirmed])
      .when({ ...plan, at: new Date('2026-02-23T10:00:00Z') })
      .thenMatches([{ type: 'RemedyPlanned.v1', data: { at: '2026-02-23T10:00:00.000Z' } }]);
    const [event] = breachDecider.decide({ ...plan, at: new Date('2026-02-23T10:00:00Z') }, fold(breachDecider, [reported, confirmed]));
    const complete = {
      type: 'CompleteRemedy' as const,
      breachId: 'b1',
      remedyId: 'r1',
      outcome: 'Ny tid bokad',
      complainantInformed: true,
      now,
    };
    spec
      .given([reported, confirmed, event])
      .when({ ...complete, completedAt: new Date('2026-02-25T12:00:00Z') })
      .thenMatches([{ type: 'RemedyCompleted.v1', data: { completedAt: '2026-02-25T12:00:00.000Z' } }]);
    // entered without its own time, the plan dates from its entry, and the same completion is before it
    spec
      .given([reported, confirmed, breachDecider.decide(plan, fold(breachDecider, [reported, confirmed]))[0]])
      .when({ ...complete, completedAt: new Date('2026-02-25T12:00:00Z') })
      .thenThrows(InvalidInputError);
    expect(() =>
      breachDecider.decide({ ...plan, at: new Date('2026-02-22T08:00:00Z') }, fold(breachDecider, [reported, confirmed])),
    ).toThrow('at: cannot be before the breach was confirmed');
    spec
      .given([reported, confirmed])
      .when({ ...plan, at: new Date('2026-03-03T00:00:00Z') })
      .thenThrows(InvalidInputError);
  });

  it('is remedied when every remedy is completed', () => {
    const planned2: BreachEvent = { ...planned, data: { ...planned.data, remedyId: 'r2' } } as BreachEvent;
    const complete = (remedyId: string) => ({
      type: 'CompleteRemedy' as const,
      breachId: 'b1',
      remedyId,
      outcome: 'Ny tid bokad',
      complainantInformed: true,
      now,
    });
    spec
      .given([reported, confirmed, planned, planned2])
      .when(complete('r1'))
      .thenState((s) => expect(s.status).toBe('confirmed'));
    const doneR1: BreachEvent = {
      type: 'RemedyCompleted.v1',
      data: {
        breachId: 'b1',
        unitId: 'hgb',
        remedyId: 'r1',
        completedAt: now.toISOString(),
        outcome: 'x',
        complainantInformed: true,
        at: now.toISOString(),
      },
    };
    spec
      .given([reported, confirmed, planned, planned2, doneR1])
      .when(complete('r2'))
      .thenState((s) => expect(s.status).toBe('remedied'));
    spec.given([reported, confirmed, planned, doneR1]).when(complete('r1')).thenThrows(RuleViolationError, 'remedy_completed');
    spec.given([reported, confirmed]).when(complete('r9')).thenThrows(NotFoundError);
    spec
      .given([reported, confirmed, planned])
      .when({ ...complete('r1'), completedAt: new Date('2027-01-01T00:00:00Z') })
      .thenThrows(InvalidInputError);
  });
});

describe('breach decider: a breach reported from a case', () => {
  it("belongs to the case's unit: a case of another unit is refused, naming the rule", () => {
    spec
      .given([])
      .when(report({ caseId: 'case-9', caseUnitId: 'fsk' }))
      .thenThrows(RuleViolationError, 'case_of_other_unit');
    spec
      .given([])
      .when(report({ caseId: 'case-9' }))
      .thenThrows(RuleViolationError, 'case_of_other_unit');
  });
});

describe('breach decider: a breach a case raised, handled afterwards in business time', () => {
  // The case's letter arrived on 10 February; the system raised its breach when the case was registered on 2 March.
  const raised: BreachEvent = {
    type: 'BreachReported.v1',
    data: { ...reported.data, source: 'case', caseId: 'case-1', occurredAt: '2026-02-10T08:00:00.000Z', at: now.toISOString() },
  };
  const later = new Date('2026-03-05T09:00:00Z');
  const backDated = (iso: string) => ({ at: new Date(iso), now: later });

  it('is confirmed, planned and completed on dates before it was raised, each after the one before', () => {
    const confirm = breachDecider.decide(
      { type: 'ConfirmBreach', breachId: 'b1', ...backDated('2026-02-12T09:00:00Z') },
      fold(breachDecider, [raised]),
    );
    expect(confirm).toEqual([{ type: 'BreachConfirmed.v1', data: { breachId: 'b1', unitId: 'hgb', at: '2026-02-12T09:00:00.000Z' } }]);
    const planning = breachDecider.decide(
      { ...plan, dueOn: '2026-02-28', ...backDated('2026-02-13T09:00:00Z') },
      fold(breachDecider, [raised, ...confirm]),
    );
    expect(planning).toMatchObject([{ type: 'RemedyPlanned.v1', data: { at: '2026-02-13T09:00:00.000Z' } }]);
    spec
      .given([raised, ...confirm, ...planning])
      .when({
        type: 'CompleteRemedy',
        breachId: 'b1',
        remedyId: 'r1',
        completedAt: new Date('2026-02-16T09:00:00Z'),
        outcome: 'Uppringd',
        complainantInformed: true,
        now: later,
      })
      .thenMatches([{ type: 'RemedyCompleted.v1', data: { completedAt: '2026-02-16T09:00:00.000Z' } }]);
  });

  it('is not confirmed before the breach occurred', () => {
    spec
      .given([raised])
      .when({ type: 'ConfirmBreach', breachId: 'b1', ...backDated('2026-02-09T09:00:00Z') })
      .thenThrows(InvalidInputError, /before the breach occurred/);
  });
});
