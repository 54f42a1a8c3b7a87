import { InvalidInputError, NotFoundError, RuleViolationError } from '@app/core';
import { forwardedMessageId } from './case.decider';
import { CaseEvent } from './case.events';
import { after, erased, ev, merged, registration, spec } from '../test/case.decider.fixtures';

const now = new Date('2026-03-20T10:00:00Z');
const receipt = ev('MessageQueued.v1', '2026-03-02T09:00:00.000Z', {
  messageId: 'm1',
  kind: 'receipt',
  channel: 'email',
  reference: '2026-000001',
  confidential: false,
  recipient: 'eva@example.se',
  text: 'Tack',
});
const rectified = (submitter: object) => ev('SubmitterRectified.v1', '2026-03-19T10:00:00.000Z', { submitter });
const of = { caseId: 'c2', reference: '2026-000002', messageId: 'r2' };

describe('resending a message', () => {
  describe('When the submitter’s contact details were corrected', () => {
    it('queues the same kind and text to the corrected address, referring to the original', () =>
      spec
        .given(after(receipt, rectified({ name: 'Eva Ek', email: 'eva.ek@example.se' })))
        .when({ type: 'ResendMessage', messageId: 'm1', text: 'Tack', now })
        .thenMatches([
          {
            type: 'MessageQueued.v1',
            data: {
              kind: 'receipt',
              channel: 'email',
              recipient: 'eva.ek@example.se',
              text: 'Tack',
              resendOf: 'm1',
              at: now.toISOString(),
            },
          },
        ]));
  });

  describe('When the submitter left only a phone number', () => {
    it('refuses: nobody to send to, on send', () =>
      spec
        .given(after(receipt, rectified({ phone: '070-123' })))
        .when({ type: 'ResendMessage', messageId: 'm1', text: 'Tack', now })
        .thenThrows(InvalidInputError));
  });

  describe('When the case was erased', () => {
    it('refuses with 409', () =>
      spec
        .given(after(receipt, erased))
        .when({ type: 'ResendMessage', messageId: 'm1', text: 'Tack', now })
        .thenThrows(RuleViolationError, 'personal_data_erased'));
  });

  describe('When the case has no such message', () => {
    it('is not found', () =>
      spec.given(after(receipt)).when({ type: 'ResendMessage', messageId: 'nope', text: 'x', now }).thenThrows(NotFoundError));
  });
});

describe('forwarding a response to a duplicate', () => {
  const forwarded = {
    type: 'MessageQueued.v1',
    data: {
      kind: 'response',
      channel: 'email',
      recipient: 'eva@example.se',
      text: 'Svar',
      messageId: forwardedMessageId('r2', 'c1'),
      forwardOf: of,
    },
  };

  describe('When the duplicate is merged into the responding case', () => {
    it('queues the response to its own submitter, with an id derived from the response and the duplicate', () =>
      spec.given(after(merged)).when({ type: 'ForwardResponse', of, text: 'Svar', now }).thenMatches([forwarded]));
  });

  describe('When it was forwarded already', () => {
    it('decides nothing', () =>
      spec
        .given(
          after(merged, {
            ...forwarded,
            data: { ...forwarded.data, at: now.toISOString(), reference: '2026-000001', confidential: false },
          } as CaseEvent),
        )
        .when({ type: 'ForwardResponse', of, text: 'Svar', now })
        .thenNothing());
  });

  describe('When the response or the duplicate is confidential', () => {
    it('the copy is confidential (its e-mail says only that a message is ready)', () => {
      spec
        .given(after(merged))
        .when({ type: 'ForwardResponse', of, text: 'Svar', confidential: true, now })
        .thenMatches([{ ...forwarded, data: { ...forwarded.data, confidential: true } }]);
      spec
        .given([registration({ confidential: true }), merged])
        .when({ type: 'ForwardResponse', of, text: 'Svar', confidential: false, now })
        .thenMatches([{ ...forwarded, data: { ...forwarded.data, confidential: true } }]);
    });

    it('and not when neither is', () =>
      spec
        .given(after(merged))
        .when({ type: 'ForwardResponse', of, text: 'Svar', confidential: false, now })
        .thenMatches([{ ...forwarded, data: { ...forwarded.data, confidential: false } }]));
  });

  describe('When the duplicate’s submitter wanted no reply, or left no way to reach them', () => {
    it('decides nothing', () => {
      spec
        .given([registration({ wantsReply: false, needsResponse: false }), merged])
        .when({ type: 'ForwardResponse', of, text: 'Svar', now })
        .thenNothing();
      spec
        .given([registration({ submitter: { name: 'Eva Ek', phone: '070-123' } }), merged])
        .when({ type: 'ForwardResponse', of, text: 'Svar', now })
        .thenNothing();
    });
  });

  describe('When the duplicate was erased or is not merged into that case', () => {
    it('decides nothing', () => {
      spec.given(after(merged, erased)).when({ type: 'ForwardResponse', of, text: 'Svar', now }).thenNothing();
      spec.given(after()).when({ type: 'ForwardResponse', of, text: 'Svar', now }).thenNothing();
    });
  });
});
