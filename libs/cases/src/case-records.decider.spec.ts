import { fold, InvalidInputError, RuleViolationError } from '@app/core';
import { caseDecider } from './case.decider';
import { CaseEvent } from './case.events';
import { caseFlags, openOverSixMonths, sixMonthsAfter } from './case.flags';
import {
  after,
  at,
  closed,
  erased,
  ev,
  merged,
  now,
  rectify,
  register,
  registered,
  registration,
  responded,
  spec,
} from '../test/case.decider.fixtures';

/** The message a step queues to the submitter (its content: test/e2e/messages.e2e-spec.ts). */
const queued = (kind: string) => expect.objectContaining({ type: 'MessageQueued.v1', data: expect.objectContaining({ kind }) });

describe('a responded case', () => {
  it('refuses a delay notice', () =>
    spec
      .given(after(responded))
      .when({ type: 'SendDelayNotice', reason: 'x', ...at('2026-03-10T08:00:00Z') })
      .thenThrows(RuleViolationError, 'already_responded'));
});

describe('a closed case', () => {
  it('refuses lifecycle steps', () =>
    spec
      .given(after(responded, closed))
      .when({ type: 'RespondCase', message: 'x', outcome: 'justified', ...at('2026-03-07T08:00:00Z') })
      .thenThrows(RuleViolationError, 'case_closed'));

  it('is reopened', () =>
    spec
      .given(after(responded, closed))
      .when({ type: 'ReopenCase', reason: 'Nytt klagomål', ...at('2026-03-07T08:00:00Z') })
      .then([ev('CaseReopened.v1', '2026-03-07T08:00:00.000Z', { reason: 'Nytt klagomål' })]));

  it('is open again once reopened', () =>
    spec
      .given(after(responded, closed))
      .when({ type: 'ReopenCase', reason: 'Nytt klagomål', ...at('2026-03-07T08:00:00Z') })
      .thenState((s) => expect(s).toMatchObject({ status: 'reopened', resolution: undefined, closedAt: undefined })));
});

describe('a merged case', () => {
  it('is unmerged', () =>
    spec
      .given(after(merged))
      .when({ type: 'UnmergeCase', ...at('2026-03-04T08:00:00Z') })
      .then([ev('CaseUnmerged.v1', '2026-03-04T08:00:00.000Z', { fromCaseId: 'c2', status: 'received' })]));

  it('returns to its earlier status when unmerged', () =>
    spec
      .given(after(merged))
      .when({ type: 'UnmergeCase', ...at('2026-03-04T08:00:00Z') })
      .thenState((s) => expect(s).toMatchObject({ status: 'received', mergedInto: undefined })));

  it('is unmerged, not reopened', () =>
    spec
      .given(after(merged))
      .when({ type: 'ReopenCase', reason: 'x', ...at('2026-03-04T08:00:00Z') })
      .thenThrows(RuleViolationError, 'not_closed'));
});

describe('a case with its breach linked', () => {
  it('decides nothing when the same breach is linked again (a replay)', () =>
    spec
      .given(after(ev('CaseBreachLinked.v1', '2026-03-03T08:00:00.000Z', { breachId: 'b1' })))
      .when({ type: 'LinkBreach', breachId: 'b1', now: new Date('2026-03-04T08:00:00Z') })
      .thenNothing());
});

describe('a case whose personal data is erased', () => {
  it('refuses new contact details', () =>
    spec
      .given(after(erased))
      .when(rectify({ email: 'ny@example.se' }))
      .thenThrows(RuleViolationError, 'personal_data_erased'));
});

describe('a case registered late, with records made after its steps', () => {
  // A letter received on Monday 2 March and registered on Friday 13 March, when the system linked its breach.
  const late = [registration({ registeredAt: '2026-03-13T09:00:00.000Z' })];
  const linked = ev('CaseBreachLinked.v1', '2026-03-13T09:00:05.000Z', { breachId: 'b1' });
  const rectified = ev('SubmitterRectified.v1', '2026-03-13T11:00:00.000Z', { submitter: { email: 'ny@example.se' } });
  const lateErased = ev('PersonalDataErased.v1', '2026-03-13T10:00:00.000Z', { reason: 'Begäran', basis: 'request' });

  // An erased case gets no receipt: there is nobody to send it to.
  it.each([
    ['the breach link', linked, [queued('receipt')]],
    ['an erasure', lateErased, []],
    ['a correction of contact details', rectified, [queued('receipt')]],
  ])('takes a step dated before %s', (_, record, messages) =>
    spec
      .given([...late, record])
      .when({ type: 'AcknowledgeCase', ...at('2026-03-03T10:00:00Z') })
      .then([ev('CaseAcknowledged.v1', '2026-03-03T10:00:00.000Z'), ...messages]),
  );

  it('still refuses a step dated before the previous step', () =>
    spec
      .given([...late, ev('CaseAcknowledged.v1', '2026-03-04T10:00:00.000Z'), linked])
      .when({ type: 'RespondCase', message: 'Svar', outcome: 'justified', ...at('2026-03-03T10:00:00Z') })
      .thenThrows(InvalidInputError, /previous step \(2026-03-04T10:00:00.000Z\)/));

  it("dates the system's own records when they are recorded, never at a step's business time", () =>
    spec
      .given([...late, ev('CaseAcknowledged.v1', '2026-03-20T10:00:00.000Z')])
      .when({ type: 'LinkBreach', breachId: 'b2', now: new Date('2026-03-13T09:00:05Z') })
      .then([ev('CaseBreachLinked.v1', '2026-03-13T09:00:05.000Z', { breachId: 'b2' })]));
});

describe('a case with recorded steps', () => {
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

describe('a case whose contact details were corrected later', () => {
  it('takes a step dated before the correction', () =>
    spec
      .given(after(ev('SubmitterRectified.v1', '2026-04-20T10:00:00.000Z', { submitter: { email: 'ny@example.se' } })))
      .when({ type: 'AcknowledgeCase', ...at('2026-03-03T08:00:00Z') })
      .then([ev('CaseAcknowledged.v1', '2026-03-03T08:00:00.000Z'), queued('receipt')]));
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

describe('re-categorising a case', () => {
  const recategorised = ev('CaseRecategorised.v1', '2026-03-20T10:00:00.000Z', { category: 'bemotande' });

  it('records the new category, closed or not, dated when recorded', () =>
    spec
      .given(after(responded, closed))
      .when({ type: 'RecategoriseCase', category: 'bemotande', now: new Date('2026-03-20T10:00:00Z') })
      .then([recategorised]));

  it('names the category it replaces', () =>
    spec
      .given([registration({ category: 'Mat' })])
      .when({ type: 'RecategoriseCase', category: 'mat-och-maltider', now: new Date('2026-03-20T10:00:00Z') })
      .then([ev('CaseRecategorised.v1', '2026-03-20T10:00:00.000Z', { category: 'mat-och-maltider', previousCategory: 'Mat' })]));

  it('decides nothing for the category it has', () =>
    spec.given(after(recategorised)).when({ type: 'RecategoriseCase', category: 'bemotande', now }).thenNothing());

  it('moves no business clock: a step may still be dated before it', () =>
    spec
      .given(after(recategorised))
      .when({ type: 'AcknowledgeCase', ...at('2026-03-03T08:00:00Z') })
      .then([ev('CaseAcknowledged.v1', '2026-03-03T08:00:00.000Z'), queued('receipt')]));
});
