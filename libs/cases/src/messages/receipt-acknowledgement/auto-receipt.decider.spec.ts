import { after, closed, erased, ev, now, register, registration, spec } from '../../../test/case.decider.fixtures';

const receiptOf = (over: object = {}) => ({
  type: 'MessageQueued.v1',
  data: {
    caseId: 'c1',
    at: now.toISOString(),
    messageId: expect.any(String),
    kind: 'receipt',
    channel: 'email',
    reference: '2026-000001',
    confidential: false,
    recipient: 'eva@example.se',
    text: expect.stringContaining('2026-000001'),
    ...over,
  },
});
const sentAt = new Date('2026-03-02T09:00:05Z');
const byReceipt = { type: 'AcknowledgeByReceipt' as const, sentAt, now: new Date('2026-03-02T09:00:06Z') };

describe('AUTO_RECEIPT at registration', () => {
  it('queues the receipt by e-mail with the registration, when the submitter left an e-mail address', () =>
    spec
      .given([])
      .when(register({ autoReceipt: true }))
      .thenMatches([registration(), receiptOf()]));

  it('queues none without an e-mail address (a letter receipt is a manager’s step)', () =>
    spec
      .given([])
      .when(register({ autoReceipt: true, submitter: { name: 'Per', address: 'Storgatan 1' } }))
      .then([registration({ submitter: { name: 'Per', address: 'Storgatan 1' } })]));

  it('queues none when AUTO_RECEIPT is off', () =>
    spec
      .given([])
      .when(register({ autoReceipt: false }))
      .then([registration()]));

  it('a manager’s acknowledgement with `auto` queues no second receipt', () =>
    spec
      .given(after(receiptOf({ messageId: 'm1' }) as never))
      .when({ type: 'AcknowledgeCase', now: new Date('2026-03-02T10:00:00Z') })
      .then([ev('CaseAcknowledged.v1', '2026-03-02T10:00:00.000Z')]));

  it('nor when another message finally failed: only the receipt’s own fate counts', () =>
    spec
      .given(after(receiptOf({ messageId: 'm1' }) as never))
      .when({ type: 'AcknowledgeCase', failedMessageIds: ['m0'], now: new Date('2026-03-02T10:00:00Z') })
      .then([ev('CaseAcknowledged.v1', '2026-03-02T10:00:00.000Z')]));

  it('queues a receipt again when the earlier one finally failed (to the address as it is now)', () =>
    spec
      .given(
        after(
          receiptOf({ messageId: 'm1', recipient: 'eva@fel.example' }) as never,
          ev('SubmitterRectified.v1', '2026-03-02T09:30:00.000Z', { submitter: { name: 'Eva Ek', email: 'eva@ratt.example' } }),
        ),
      )
      .when({ type: 'AcknowledgeCase', failedMessageIds: ['m1'], now: new Date('2026-03-02T10:00:00Z') })
      .thenMatches([
        ev('CaseAcknowledged.v1', '2026-03-02T10:00:00.000Z'),
        receiptOf({ at: '2026-03-02T10:00:00.000Z', recipient: 'eva@ratt.example' }),
      ]));
});

describe('a sent receipt acknowledges the case', () => {
  it('at the instant the mail server accepted it', () =>
    spec
      .given(after())
      .when(byReceipt)
      .then([ev('CaseAcknowledged.v1', sentAt.toISOString())]));

  it('does nothing when the case is already acknowledged', () =>
    spec
      .given(after(ev('CaseAcknowledged.v1', '2026-03-02T09:00:01.000Z')))
      .when(byReceipt)
      .thenNothing());

  it('does nothing to a closed or an erased case', () => {
    spec.given(after(closed)).when(byReceipt).thenNothing();
    spec.given(after(erased)).when(byReceipt).thenNothing();
  });

  it('is recorded even when a later step was dated after the send (the floor does not refuse the system)', () =>
    spec
      .given(after(ev('CaseAssigned.v1', '2026-03-03T08:00:00.000Z', { assignee: 'Lisa' })))
      .when(byReceipt)
      .thenState((s) => expect(s.acknowledgedAt).toBe(sentAt.toISOString())));
});
