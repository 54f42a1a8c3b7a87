import { fold, InvalidInputError, RuleViolationError } from '@app/core';
import { deciderSpec } from '@app/testing';
import { caseDecider, caseFlags, CaseCommand } from './case.decider';
import { CaseEvent, CaseRegistered } from './case.events';

const spec = deciderSpec(caseDecider);
const rules = { acknowledgeWorkingDays: 2, respondWorkingDays: 10 };
const now = new Date('2026-03-02T09:00:00Z'); // Monday
type Register = Extract<CaseCommand, { type: 'RegisterCase' }>;
const register = (over: Partial<Register> = {}): CaseCommand => ({
  type: 'RegisterCase',
  caseId: 'c1',
  reference: '2026-000001',
  caseType: 'complaint',
  channel: 'letter',
  unitId: 'hgb',
  description: 'Maten på förskolan var kall.',
  submitter: { name: 'Eva Ek', email: 'eva@example.se' },
  rules,
  now,
  ...over,
});
const registered = caseDecider.decide(register(), caseDecider.initialState()) as CaseEvent[];
const at = (iso: string) => ({ at: new Date(iso), now: new Date('2026-04-30T10:00:00Z') });
const after = (...events: CaseEvent[]) => [...registered, ...events];
const ev = (type: string, iso: string, data: object = {}) => ({ type, data: { caseId: 'c1', at: iso, ...data } }) as CaseEvent;

describe('case decider: registration', () => {
  it('keeps receivedAt apart from registeredAt and counts deadlines from the day of receipt', () => {
    const [e] = caseDecider.decide(register({ receivedAt: new Date('2026-02-25T10:00:00Z') }), caseDecider.initialState());
    expect(e).toMatchObject({
      type: 'CaseRegistered.v1',
      data: {
        receivedAt: '2026-02-25T10:00:00.000Z',
        registeredAt: now.toISOString(),
        acknowledgeBy: '2026-02-27T22:59:59.999Z', // Wed + 2 working days = Fri
        respondBy: '2026-03-11T22:59:59.999Z', // Wed + 10 working days
        needsResponse: true,
        wantsReply: true,
        rules,
      },
    });
  });

  it('wantsReply defaults to true with contact details and false for anonymous feedback', () => {
    spec
      .given([])
      .when(register({ submitter: undefined }))
      .thenMatches([{ data: { wantsReply: false, needsResponse: false } }]);
    spec
      .given([])
      .when(register({ submitter: { name: 'Bara namn' } }))
      .thenMatches([{ data: { wantsReply: false } }]);
    spec
      .given([])
      .when(register({ submitter: undefined, wantsReply: true }))
      .thenThrows(InvalidInputError);
  });

  it('praise and ideas need no response even when a reply is wanted', () => {
    spec
      .given([])
      .when(register({ caseType: 'praise' }))
      .thenMatches([{ data: { wantsReply: true, needsResponse: false } }]);
    spec
      .given([])
      .when(register({ caseType: 'idea' }))
      .thenMatches([{ data: { needsResponse: false } }]);
  });

  it('refuses a receipt in the future', () => {
    spec
      .given([])
      .when(register({ receivedAt: new Date('2026-03-03T09:00:00Z') }))
      .thenThrows(InvalidInputError);
  });
});

describe('case decider: lifecycle', () => {
  it('acknowledges once', () => {
    spec
      .given(registered)
      .when({ type: 'AcknowledgeCase', ...at('2026-03-03T08:00:00Z') })
      .thenMatches([{ type: 'CaseAcknowledged.v1' }]);
    spec
      .given(after(ev('CaseAcknowledged.v1', '2026-03-03T08:00:00.000Z')))
      .when({ type: 'AcknowledgeCase', ...at('2026-03-04T08:00:00Z') })
      .thenThrows(RuleViolationError, 'already_acknowledged');
  });

  it('refuses business times in the future or before the previous step', () => {
    spec
      .given(registered)
      .when({ type: 'AcknowledgeCase', at: new Date('2026-05-01T00:00:00Z'), now: new Date('2026-04-30T00:00:00Z') })
      .thenThrows(InvalidInputError);
    spec
      .given(registered)
      .when({ type: 'AcknowledgeCase', ...at('2026-03-01T08:00:00Z') })
      .thenThrows(InvalidInputError);
  });

  it('transfers to another open unit, keeping reference and deadlines', () => {
    const when = spec
      .given(registered)
      .when({ type: 'TransferCase', toUnitId: 'fsk', toUnitOpen: true, reason: 'Fel enhet', ...at('2026-03-03T08:00:00Z') });
    when.thenState((s) =>
      expect(s).toMatchObject({
        unitId: 'fsk',
        status: 'transferred',
        reference: '2026-000001',
        respondBy: (registered[0] as CaseRegistered).data.respondBy,
      }),
    );
    spec
      .given(registered)
      .when({ type: 'TransferCase', toUnitId: 'hgb', toUnitOpen: true, reason: 'x', ...at('2026-03-03T08:00:00Z') })
      .thenThrows(RuleViolationError, 'same_unit');
    spec
      .given(registered)
      .when({ type: 'TransferCase', toUnitId: 'x', toUnitOpen: false, reason: 'x', ...at('2026-03-03T08:00:00Z') })
      .thenThrows(RuleViolationError, 'unit_closed');
  });

  it('pauses the response clock while awaiting the complainant and extends respondBy by the working days paused', () => {
    const asked = ev('ComplainantAsked.v1', '2026-03-04T08:00:00.000Z', { question: 'Vilken dag?' }); // Wednesday
    spec
      .given(after(asked))
      .when({ type: 'ResumeCase', ...at('2026-03-09T08:00:00Z') })
      .thenMatches([
        // respondBy was Mon 16 March; paused Thu, Fri, Mon = 3 working days → Thu 19 March
        { type: 'CaseResumed.v1', data: { pausedWorkingDays: 3, respondBy: '2026-03-19T22:59:59.999Z', status: 'received' } },
      ]);
    spec
      .given(after(asked))
      .when({ type: 'RespondCase', message: 'x', outcome: 'justified', ...at('2026-03-05T08:00:00Z') })
      .thenThrows(RuleViolationError, 'awaiting_complainant');
    spec
      .given(registered)
      .when({ type: 'ResumeCase', ...at('2026-03-05T08:00:00Z') })
      .thenThrows(RuleViolationError, 'not_awaiting');
    const paused = fold(caseDecider, after(asked));
    expect(caseFlags(paused, new Date('2026-04-01T10:00:00Z')).overdue.respond).toBe(false);
  });

  it('requires an outcome when responding to a complaint, and acknowledges implicitly', () => {
    spec
      .given(registered)
      .when({ type: 'RespondCase', message: 'Svar', ...at('2026-03-05T08:00:00Z') })
      .thenThrows(InvalidInputError);
    spec
      .given(registered)
      .when({ type: 'RespondCase', message: 'Svar', outcome: 'partly_justified', ...at('2026-03-05T08:00:00Z') })
      .thenMatches([{ type: 'CaseAcknowledged.v1' }, { type: 'CaseResponded.v1', data: { outcome: 'partly_justified' } }]);
  });

  it('a case that needs a response cannot be closed before it, unless withdrawn', () => {
    spec
      .given(registered)
      .when({ type: 'CloseCase', resolution: 'resolved', ...at('2026-03-05T08:00:00Z') })
      .thenThrows(RuleViolationError, 'response_required');
    spec
      .given(registered)
      .when({ type: 'CloseCase', resolution: 'withdrawn', ...at('2026-03-05T08:00:00Z') })
      .thenMatches([{ type: 'CaseClosed.v1' }]);
    const anonymous = caseDecider.decide(register({ submitter: undefined }), caseDecider.initialState());
    spec
      .given(anonymous)
      .when({ type: 'CloseCase', resolution: 'resolved', ...at('2026-03-05T08:00:00Z') })
      .thenMatches([{ type: 'CaseClosed.v1' }]);
  });

  it('closed cases refuse lifecycle steps and can be reopened', () => {
    const closed = after(
      ev('CaseResponded.v1', '2026-03-05T08:00:00.000Z', { message: 'x', outcome: 'justified' }),
      ev('CaseClosed.v1', '2026-03-06T08:00:00.000Z', { resolution: 'resolved' }),
    );
    spec
      .given(closed)
      .when({ type: 'RespondCase', message: 'x', outcome: 'justified', ...at('2026-03-07T08:00:00Z') })
      .thenThrows(RuleViolationError, 'case_closed');
    spec
      .given(closed)
      .when({ type: 'ReopenCase', reason: 'Nytt klagomål', ...at('2026-03-07T08:00:00Z') })
      .thenState((s) => expect(s.status).toBe('reopened'));
    spec
      .given(registered)
      .when({ type: 'ReopenCase', reason: 'x', ...at('2026-03-07T08:00:00Z') })
      .thenThrows(RuleViolationError, 'not_closed');
  });

  it('records a delay notice (FL 11 §) only before the response', () => {
    spec
      .given(registered)
      .when({ type: 'SendDelayNotice', reason: 'Utredning pågår', newRespondBy: '2026-03-30', ...at('2026-03-10T08:00:00Z') })
      .thenMatches([{ type: 'DelayNoticeSent.v1' }]);
    spec
      .given(after(ev('CaseResponded.v1', '2026-03-05T08:00:00.000Z', { message: 'x', outcome: 'justified' })))
      .when({ type: 'SendDelayNotice', reason: 'x', ...at('2026-03-10T08:00:00Z') })
      .thenThrows(RuleViolationError, 'already_responded');
  });

  it('merges into another case and unmerges back to the earlier status', () => {
    const into = { caseId: 'c2', reference: '2026-000002', exists: true };
    const when = spec.given(registered).when({ type: 'MergeCase', into, ...at('2026-03-03T08:00:00Z') });
    when.thenState((s) => expect(s).toMatchObject({ status: 'closed', resolution: 'duplicate', mergedInto: 'c2' }));
    spec
      .given(registered)
      .when({ type: 'MergeCase', into: { ...into, caseId: 'c1' }, ...at('2026-03-03T08:00:00Z') })
      .thenThrows(RuleViolationError, 'merge_into_self');
    spec
      .given(registered)
      .when({ type: 'MergeCase', into: { ...into, mergedInto: 'c3' }, ...at('2026-03-03T08:00:00Z') })
      .thenThrows(RuleViolationError, 'target_merged');
    const merged = after(ev('CaseMerged.v1', '2026-03-03T08:00:00.000Z', { intoCaseId: 'c2', intoReference: '2026-000002' }));
    spec
      .given(merged)
      .when({ type: 'UnmergeCase', ...at('2026-03-04T08:00:00Z') })
      .thenState((s) => expect(s).toMatchObject({ status: 'received', mergedInto: undefined }));
    spec
      .given(merged)
      .when({ type: 'ReopenCase', reason: 'x', ...at('2026-03-04T08:00:00Z') })
      .thenThrows(RuleViolationError, 'not_closed');
    spec
      .given(registered)
      .when({ type: 'UnmergeCase', ...at('2026-03-04T08:00:00Z') })
      .thenThrows(RuleViolationError, 'not_merged');
  });

  it('links a breach once (idempotent on replay)', () => {
    spec
      .given(registered)
      .when({ type: 'LinkBreach', breachId: 'b1', ...at('2026-03-03T08:00:00Z') })
      .thenMatches([{ type: 'CaseBreachLinked.v1', data: { breachId: 'b1' } }]);
    spec
      .given(after(ev('CaseBreachLinked.v1', '2026-03-03T08:00:00.000Z', { breachId: 'b1' })))
      .when({ type: 'LinkBreach', breachId: 'b1', ...at('2026-03-04T08:00:00Z') })
      .thenNothing();
  });

  it('flags overdue steps and cases open more than six months', () => {
    const s = fold(caseDecider, registered);
    expect(caseFlags(s, new Date('2026-03-04T12:00:00Z')).overdue).toEqual({ acknowledge: false, respond: false });
    expect(caseFlags(s, new Date('2026-03-05T12:00:00Z')).overdue).toEqual({ acknowledge: true, respond: false });
    expect(caseFlags(s, new Date('2026-03-17T12:00:00Z')).overdue).toEqual({ acknowledge: true, respond: true });
    expect(caseFlags(s, new Date('2026-09-01T12:00:00Z')).openOverSixMonths).toBe(false);
    expect(caseFlags(s, new Date('2026-09-03T12:00:00Z')).openOverSixMonths).toBe(true);
  });
});
