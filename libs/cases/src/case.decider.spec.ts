import { fold, InvalidInputError, RuleViolationError } from '@app/core';
import { caseDecider } from './case.decider';
import { caseFlags } from './case.flags';
import { after, asked, at, ev, into, merged, rectify, registered, registration, spec } from '../test/case.decider.fixtures';

/** The message a step queues to the submitter (its content: test/e2e/messages.e2e-spec.ts). */
const queued = (kind: string) => expect.objectContaining({ type: 'MessageQueued.v1', data: expect.objectContaining({ kind }) });

describe('a registered case', () => {
  it('is acknowledged', () =>
    spec
      .given(registered)
      .when({ type: 'AcknowledgeCase', ...at('2026-03-03T08:00:00Z') })
      .then([ev('CaseAcknowledged.v1', '2026-03-03T08:00:00.000Z'), queued('receipt')]));

  it('is assigned', () =>
    spec
      .given(registered)
      .when({ type: 'AssignCase', assignee: 'Karin Berg', ...at('2026-03-03T08:00:00Z') })
      .then([ev('CaseAssigned.v1', '2026-03-03T08:00:00.000Z', { assignee: 'Karin Berg' })]));

  it('refuses a business time in the future', () =>
    spec
      .given(registered)
      .when({ type: 'AcknowledgeCase', at: new Date('2026-05-01T00:00:00Z'), now: new Date('2026-04-30T00:00:00Z') })
      .thenThrows(InvalidInputError, /future/));

  it('refuses a business time before the registration', () =>
    spec
      .given(registered)
      .when({ type: 'AcknowledgeCase', ...at('2026-03-01T08:00:00Z') })
      .thenThrows(InvalidInputError, /previous step/));

  it('is transferred to another open unit', () =>
    spec
      .given(registered)
      .when({ type: 'TransferCase', toUnitId: 'fsk', toUnitOpen: true, reason: 'Fel enhet', ...at('2026-03-03T08:00:00Z') })
      .then([ev('CaseTransferred.v1', '2026-03-03T08:00:00.000Z', { fromUnitId: 'hgb', toUnitId: 'fsk', reason: 'Fel enhet' })]));

  it('keeps its reference and deadlines in the unit it is transferred to', () =>
    spec
      .given(registered)
      .when({ type: 'TransferCase', toUnitId: 'fsk', toUnitOpen: true, reason: 'Fel enhet', ...at('2026-03-03T08:00:00Z') })
      .thenState((s) =>
        expect(s).toMatchObject({ unitId: 'fsk', status: 'transferred', reference: '2026-000001', respondBy: '2026-03-16T22:59:59.999Z' }),
      ));

  it('refuses a transfer to its own unit', () =>
    spec
      .given(registered)
      .when({ type: 'TransferCase', toUnitId: 'hgb', toUnitOpen: true, reason: 'x', ...at('2026-03-03T08:00:00Z') })
      .thenThrows(RuleViolationError, 'same_unit'));

  it('refuses a transfer to a closed unit', () =>
    spec
      .given(registered)
      .when({ type: 'TransferCase', toUnitId: 'x', toUnitOpen: false, reason: 'x', ...at('2026-03-03T08:00:00Z') })
      .thenThrows(RuleViolationError, 'unit_closed'));

  it('waits for the complainant', () =>
    spec
      .given(registered)
      .when({ type: 'AwaitComplainant', question: 'Vilken dag?', ...at('2026-03-04T08:00:00Z') })
      .then([asked, queued('question')]));

  it('refuses to resume when it waits for nobody', () =>
    spec
      .given(registered)
      .when({ type: 'ResumeCase', ...at('2026-03-05T08:00:00Z') })
      .thenThrows(RuleViolationError, 'not_awaiting'));

  it('refuses a response to a complaint without an assessment (outcome)', () =>
    spec
      .given(registered)
      .when({ type: 'RespondCase', message: 'Svar', ...at('2026-03-05T08:00:00Z') })
      .thenThrows(InvalidInputError, /outcome/));

  it('is acknowledged by its response', () =>
    spec
      .given(registered)
      .when({ type: 'RespondCase', message: 'Svar', outcome: 'partly_justified', ...at('2026-03-05T08:00:00Z') })
      .then([
        ev('CaseAcknowledged.v1', '2026-03-05T08:00:00.000Z'),
        ev('CaseResponded.v1', '2026-03-05T08:00:00.000Z', { message: 'Svar', outcome: 'partly_justified' }),
        queued('response'),
      ]));

  it('may not be closed before the response it needs', () =>
    spec
      .given(registered)
      .when({ type: 'CloseCase', resolution: 'resolved', ...at('2026-03-05T08:00:00Z') })
      .thenThrows(RuleViolationError, 'response_required'));

  it('is closed without a response when withdrawn', () =>
    spec
      .given(registered)
      .when({ type: 'CloseCase', resolution: 'withdrawn', ...at('2026-03-05T08:00:00Z') })
      .then([ev('CaseClosed.v1', '2026-03-05T08:00:00.000Z', { resolution: 'withdrawn' })]));

  it('refuses to be reopened', () =>
    spec
      .given(registered)
      .when({ type: 'ReopenCase', reason: 'x', ...at('2026-03-07T08:00:00Z') })
      .thenThrows(RuleViolationError, 'not_closed'));

  it('records a delay notice (förvaltningslagen 11 §)', () =>
    spec
      .given(registered)
      .when({ type: 'SendDelayNotice', reason: 'Utredning pågår', newRespondBy: '2026-03-30', ...at('2026-03-10T08:00:00Z') })
      .then([
        ev('DelayNoticeSent.v1', '2026-03-10T08:00:00.000Z', { reason: 'Utredning pågår', newRespondBy: '2026-03-30' }),
        queued('delay_notice'),
      ]));

  it('refuses a delay notice whose new date is no calendar date', () =>
    spec
      .given(registered)
      .when({ type: 'SendDelayNotice', reason: 'x', newRespondBy: '2026-04-31', ...at('2026-03-10T08:00:00Z') })
      .thenThrows(InvalidInputError, /newRespondBy/));

  it('is merged into another case', () =>
    spec
      .given(registered)
      .when({ type: 'MergeCase', into, ...at('2026-03-03T08:00:00Z') })
      .then([merged]));

  it('is closed as a duplicate by the merge', () =>
    spec
      .given(registered)
      .when({ type: 'MergeCase', into, ...at('2026-03-03T08:00:00Z') })
      .thenState((s) => expect(s).toMatchObject({ status: 'closed', resolution: 'duplicate', mergedInto: 'c2' })));

  it('refuses to be merged into itself', () =>
    spec
      .given(registered)
      .when({ type: 'MergeCase', into: { ...into, caseId: 'c1' }, ...at('2026-03-03T08:00:00Z') })
      .thenThrows(RuleViolationError, 'merge_into_self'));

  it('refuses to be merged into a case that is itself merged', () =>
    spec
      .given(registered)
      .when({ type: 'MergeCase', into: { ...into, mergedInto: 'c3' }, ...at('2026-03-03T08:00:00Z') })
      .thenThrows(RuleViolationError, 'target_merged'));

  it('refuses to be unmerged', () =>
    spec
      .given(registered)
      .when({ type: 'UnmergeCase', ...at('2026-03-04T08:00:00Z') })
      .thenThrows(RuleViolationError, 'not_merged'));

  it('shows the breach reported for it, dated when the link is recorded', () =>
    spec
      .given(registered)
      .when({ type: 'LinkBreach', breachId: 'b1', now: new Date('2026-03-03T08:00:00Z') })
      .then([ev('CaseBreachLinked.v1', '2026-03-03T08:00:00.000Z', { breachId: 'b1' })]));

  it("records the submitter's corrected details at record time, dropping blank ones (GDPR art. 16)", () =>
    spec
      .given(registered)
      .when(rectify({ name: 'Eva Ek-Berg', email: 'eva.berg@example.se', phone: ' ' }))
      .then([
        ev('SubmitterRectified.v1', '2026-03-20T10:00:00.000Z', { submitter: { name: 'Eva Ek-Berg', email: 'eva.berg@example.se' } }),
      ]));

  it('takes the corrected submitter without moving the business clock', () =>
    spec
      .given(registered)
      .when(rectify({ email: 'ny@example.se' }, '2026-04-20T10:00:00Z'))
      .thenState((s) => {
        expect(s.submitter).toEqual({ email: 'ny@example.se' });
        expect(s.lastAt).toBe(fold(caseDecider, registered).lastAt);
        expect(s.history.map((h) => h.type)).toEqual(['CaseRegistered', 'SubmitterRectified']);
      }));

  it('keeps a way to reach a submitter who awaits a reply', () =>
    spec
      .given(registered)
      .when(rectify({ name: 'Eva' }))
      .thenThrows(InvalidInputError, /submitter/));

  it('refuses an empty correction', () =>
    spec
      .given(registered)
      .when(rectify({}))
      .thenThrows(InvalidInputError, /submitter/));

  it('is overdue on acknowledgement after acknowledgeBy, and on response after respondBy', () => {
    const s = fold(caseDecider, registered);
    expect(caseFlags(s, new Date('2026-03-04T12:00:00Z')).overdue).toEqual({ acknowledge: false, respond: false });
    expect(caseFlags(s, new Date('2026-03-05T12:00:00Z')).overdue).toEqual({ acknowledge: true, respond: false });
    expect(caseFlags(s, new Date('2026-03-17T12:00:00Z')).overdue).toEqual({ acknowledge: true, respond: true });
  });

  it('is flagged as open more than six months from the day after six months of receipt', () => {
    const s = fold(caseDecider, registered);
    expect(caseFlags(s, new Date('2026-09-01T12:00:00Z')).openOverSixMonths).toBe(false);
    expect(caseFlags(s, new Date('2026-09-03T12:00:00Z')).openOverSixMonths).toBe(true);
  });
});

describe('an anonymous case', () => {
  it('is closed without a response', () =>
    spec
      .given([registration({ submitter: undefined, wantsReply: false, needsResponse: false })])
      .when({ type: 'CloseCase', resolution: 'resolved', ...at('2026-03-05T08:00:00Z') })
      .then([ev('CaseClosed.v1', '2026-03-05T08:00:00.000Z', { resolution: 'resolved' })]));
});

describe('an acknowledged case', () => {
  it('refuses to be acknowledged again', () =>
    spec
      .given(after(ev('CaseAcknowledged.v1', '2026-03-03T08:00:00.000Z')))
      .when({ type: 'AcknowledgeCase', ...at('2026-03-04T08:00:00Z') })
      .thenThrows(RuleViolationError, 'already_acknowledged'));
});
