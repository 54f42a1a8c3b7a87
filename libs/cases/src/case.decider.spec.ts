import { fold, InvalidInputError, RuleViolationError } from '@app/core';
import { deciderSpec } from '@app/testing';
import { caseDecider, CaseCommand, CaseState } from './case.decider';
import { caseFlags, openOverSixMonths, sixMonthsAfter } from './case.flags';
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

  it('refuses a blank description', () => {
    spec
      .given([])
      .when(register({ description: ' \n\t ' }))
      .thenThrows(InvalidInputError, /description/);
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

  it('does not excuse a case already late when the question was sent: no extension, overdue while it waits', () => {
    // respondBy was Mon 16 March (end of day); the question goes out on Wed 18 March
    const askedLate = ev('ComplainantAsked.v1', '2026-03-18T08:00:00.000Z', { question: 'Vilken dag?' });
    spec
      .given(after(askedLate))
      .when({ type: 'ResumeCase', ...at('2026-03-23T08:00:00Z') })
      .thenMatches([{ type: 'CaseResumed.v1', data: { pausedWorkingDays: 0, respondBy: '2026-03-16T22:59:59.999Z' } }]);
    const waiting = fold(caseDecider, after(askedLate));
    expect(caseFlags(waiting, new Date('2026-03-20T10:00:00Z')).overdue.respond).toBe(true);
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
    spec
      .given(registered)
      .when({ type: 'SendDelayNotice', reason: 'x', newRespondBy: '2026-04-31', ...at('2026-03-10T08:00:00Z') })
      .thenThrows(InvalidInputError, /newRespondBy/);
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

describe('case decider: a pause for the complainant ends with the steps that take the case away from it', () => {
  const asked = ev('ComplainantAsked.v1', '2026-03-04T08:00:00.000Z', { question: 'Vilken dag?' }); // Wednesday
  // respondBy was Mon 16 March; paused Thu, Fri, Mon = 3 working days → Thu 19 March
  const resumed = { type: 'CaseResumed.v1', data: { pausedWorkingDays: 3, respondBy: '2026-03-19T22:59:59.999Z', status: 'received' } };
  const monday = at('2026-03-09T08:00:00Z');
  const unpaused = (s: CaseState) => {
    expect(s).toMatchObject({ pausedSince: undefined, respondBy: '2026-03-19T22:59:59.999Z' });
    expect(caseFlags({ ...s, status: 'in_progress' }, new Date('2026-03-20T10:00:00Z')).overdue.respond).toBe(true);
  };

  it('a transfer ends the pause, extends respondBy by the working days paused and the new unit takes over', () => {
    const transfer: CaseCommand = { type: 'TransferCase', toUnitId: 'fsk', toUnitOpen: true, reason: 'Fel enhet', ...monday };
    spec
      .given(after(asked))
      .when(transfer)
      .thenMatches([resumed, { type: 'CaseTransferred.v1' }]);
    spec
      .given(after(asked))
      .when(transfer)
      .thenState((s) => {
        expect(s.status).toBe('transferred');
        unpaused(s);
      });
  });

  it('withdrawing ends the pause; closing otherwise is refused until the case is resumed', () => {
    const withdraw: CaseCommand = { type: 'CloseCase', resolution: 'withdrawn', ...monday };
    spec
      .given(after(asked))
      .when(withdraw)
      .thenMatches([resumed, { type: 'CaseClosed.v1', data: { resolution: 'withdrawn' } }]);
    spec
      .given(after(asked))
      .when(withdraw)
      .thenState((s) => expect(s).toMatchObject({ status: 'closed', pausedSince: undefined, respondBy: resumed.data.respondBy }));
    spec
      .given(after(asked))
      .when({ type: 'CloseCase', resolution: 'closed_not_resolved', ...monday })
      .thenThrows(RuleViolationError, 'awaiting_complainant');
  });

  it('a merge ends the pause, and an unmerge returns to the status before the pause with the clock running', () => {
    const into = { caseId: 'c2', reference: '2026-000002', exists: true, status: 'received' as const };
    spec
      .given(after(asked))
      .when({ type: 'MergeCase', into, ...monday })
      .thenMatches([resumed, { type: 'CaseMerged.v1' }]);
    const merged = [...after(asked), ...caseDecider.decide({ type: 'MergeCase', into, ...monday }, fold(caseDecider, after(asked)))];
    spec
      .given(merged)
      .when({ type: 'UnmergeCase', ...at('2026-03-10T08:00:00Z') })
      .thenState((s) => {
        expect(s.status).toBe('received');
        unpaused(s);
      });
  });

  it('a stream left paused by a transfer recorded before this rule can still be resumed', () => {
    const legacy = after(asked, ev('CaseTransferred.v1', '2026-03-05T08:00:00.000Z', { fromUnitId: 'hgb', toUnitId: 'fsk', reason: 'x' }));
    spec
      .given(legacy)
      .when({ type: 'ResumeCase', ...monday })
      .thenMatches([{ type: 'CaseResumed.v1', data: { pausedWorkingDays: 3, status: 'transferred' } }]);
  });
});

describe('case decider: history', () => {
  it('names who took each step and shows its business time beside its record time, from the recorded metadata', () => {
    const entered = '2026-03-10T12:00:00.000Z';
    const recorded = [
      { ...registered[0], metadata: { actor: { sub: 'u-intake', name: 'Ida Intag' }, recordedAt: now.toISOString() } },
      { ...ev('CaseAcknowledged.v1', '2026-03-03T08:00:00.000Z'), metadata: { actor: { sub: 'u-chef' }, recordedAt: entered } },
    ] as unknown as CaseEvent[];
    expect(fold(caseDecider, recorded).history).toEqual([
      { type: 'CaseRegistered', at: now.toISOString(), recordedAt: now.toISOString(), by: { sub: 'u-intake', name: 'Ida Intag' } },
      { type: 'CaseAcknowledged', at: '2026-03-03T08:00:00.000Z', recordedAt: entered, by: { sub: 'u-chef' } },
    ]);
  });
});

describe('case decider: what the system records never moves the business clock', () => {
  // A letter received on Monday 2 March and registered on Friday 13 March, when the system linked its breach.
  const late = caseDecider.decide(
    register({ receivedAt: new Date('2026-03-02T08:00:00Z'), now: new Date('2026-03-13T09:00:00Z') }),
    caseDecider.initialState(),
  ) as CaseEvent[];
  const linked = ev('CaseBreachLinked.v1', '2026-03-13T09:00:05.000Z', { breachId: 'b1' });
  const erased = ev('PersonalDataErased.v1', '2026-03-13T10:00:00.000Z', { reason: 'Begäran', basis: 'request' });
  const rectified = ev('SubmitterRectified.v1', '2026-03-13T11:00:00.000Z', { submitter: { email: 'ny@example.se' } });
  const acknowledge: CaseCommand = { type: 'AcknowledgeCase', ...at('2026-03-03T10:00:00Z') };

  it.each([
    ['the breach link', linked],
    ['an erasure', erased],
    ['a correction of contact details', rectified],
  ])('after %s, a step dated before it still goes in', (_, record) => {
    spec
      .given([...late, record])
      .when(acknowledge)
      .then([{ type: 'CaseAcknowledged.v1', data: { caseId: 'c1', at: '2026-03-03T10:00:00.000Z' } }]);
  });

  it('a step still may not be dated before the previous step', () => {
    spec
      .given([...late, ev('CaseAcknowledged.v1', '2026-03-04T10:00:00.000Z'), linked])
      .when({ type: 'RespondCase', message: 'Svar', outcome: 'justified', ...at('2026-03-03T10:00:00Z') })
      .thenThrows(InvalidInputError, /previous step \(2026-03-04T10:00:00.000Z\)/);
  });

  it("the system dates its own records at the moment they are recorded, never at a step's business time", () => {
    const linkedLater = { type: 'LinkBreach', breachId: 'b2', now: new Date('2026-03-13T09:00:05Z') } as CaseCommand;
    spec
      .given([...late, ev('CaseAcknowledged.v1', '2026-03-20T10:00:00.000Z')])
      .when(linkedLater)
      .then([{ type: 'CaseBreachLinked.v1', data: { caseId: 'c1', at: '2026-03-13T09:00:05.000Z', breachId: 'b2' } }]);
  });
});

describe('förvaltningslagen 12 §: open more than six months, on Stockholm calendar dates', () => {
  it('six months after a month end is the last day of the shorter month', () => {
    expect(sixMonthsAfter('2025-08-31')).toBe('2026-02-28');
    expect(sixMonthsAfter('2027-08-31')).toBe('2028-02-29');
    expect(sixMonthsAfter('2026-03-31')).toBe('2026-09-30');
    expect(sixMonthsAfter('2026-07-15')).toBe('2027-01-15');
  });

  it('a case received 31 August is flagged from 1 March (Stockholm), not on 28 February', () => {
    const received = '2025-08-31T10:00:00Z';
    expect(openOverSixMonths(received, '2026-02-28T22:30:00Z')).toBe(false); // 23:30 on 28 Feb in Stockholm
    expect(openOverSixMonths(received, '2026-02-28T23:30:00Z')).toBe(true); // 00:30 on 1 March in Stockholm
  });

  it('counts from the Stockholm day of receipt, not the UTC one', () => {
    const received = '2026-08-31T22:30:00Z'; // 00:30 on 1 September in Stockholm → six months end 1 March 2027
    expect(openOverSixMonths(received, '2027-03-01T12:00:00Z')).toBe(false);
    expect(openOverSixMonths(received, '2027-03-01T23:30:00Z')).toBe(true);
    const s = fold(
      caseDecider,
      caseDecider.decide(register({ receivedAt: new Date(received), now: new Date(received) }), caseDecider.initialState()),
    );
    expect(caseFlags(s, new Date('2027-03-01T12:00:00Z')).openOverSixMonths).toBe(false);
    expect(caseFlags(s, new Date('2027-03-02T12:00:00Z')).openOverSixMonths).toBe(true);
  });
});

describe('case decider: rectification of contact details (GDPR art. 16)', () => {
  const rectify = (submitter: object, iso = '2026-03-20T10:00:00Z'): CaseCommand => ({
    type: 'RectifySubmitter',
    submitter,
    now: new Date(iso),
  });

  it('records the corrected details at record time, dropping blank ones', () => {
    spec
      .given(registered)
      .when(rectify({ name: 'Eva Ek-Berg', email: 'eva.berg@example.se', phone: ' ' }))
      .then([
        {
          type: 'SubmitterRectified.v1',
          data: { caseId: 'c1', at: '2026-03-20T10:00:00.000Z', submitter: { name: 'Eva Ek-Berg', email: 'eva.berg@example.se' } },
        },
      ]);
  });

  it('replaces the submitter in the state without moving the business clock', () => {
    spec
      .given(registered)
      .when(rectify({ email: 'ny@example.se' }, '2026-04-20T10:00:00Z'))
      .thenState((s) => {
        expect(s.submitter).toEqual({ email: 'ny@example.se' });
        expect(s.lastAt).toBe(fold(caseDecider, registered).lastAt);
        expect(s.history.map((h) => h.type)).toEqual(['CaseRegistered', 'SubmitterRectified']);
      });
  });

  it('lets a back-dated step follow a later correction', () => {
    const rectified = caseDecider.decide(rectify({ email: 'ny@example.se' }, '2026-04-20T10:00:00Z'), fold(caseDecider, registered));
    spec
      .given(after(...(rectified as CaseEvent[])))
      .when({ type: 'AcknowledgeCase', ...at('2026-03-03T08:00:00Z') })
      .then([{ type: 'CaseAcknowledged.v1', data: { caseId: 'c1', at: '2026-03-03T08:00:00.000Z' } }]);
  });

  it('keeps a way to reach a submitter who awaits a reply, and refuses an empty correction', () => {
    spec
      .given(registered)
      .when(rectify({ name: 'Eva' }))
      .thenThrows(InvalidInputError, /submitter/);
    spec
      .given(registered)
      .when(rectify({}))
      .thenThrows(InvalidInputError, /submitter/);
  });

  it('refuses to record new details once the personal data is erased', () => {
    spec
      .given(after(ev('PersonalDataErased.v1', '2026-03-10T10:00:00Z', { reason: 'Begäran', basis: 'request' })))
      .when(rectify({ email: 'ny@example.se' }))
      .thenThrows(RuleViolationError, 'personal_data_erased');
  });
});
