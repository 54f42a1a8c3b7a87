import { RuleViolationError } from '@app/core';
import { deciderSpec } from '@app/testing';
import { deliveryDecider, retryDelayMs, SendPolicy } from './delivery.decider';
import { DeliveryEvent } from './delivery.events';

const spec = deciderSpec(deliveryDecider);
const policy: SendPolicy = { leaseMs: 120_000, maxAttempts: 3, retryBaseMs: 60_000, maxAgeMs: 72 * 3600_000 };
const ref = { caseId: 'c1', messageId: 'm1', unitId: 'hgb', kind: 'receipt' as const };
const queuedAt = '2026-03-02T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(queuedAt) + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

const claim = (minutes: number) => ({ type: 'ClaimMessage' as const, ...ref, queuedAt, policy, now: at(minutes) });
const sent = (minutes: number, attempt: number) => ({
  type: 'RecordSent' as const,
  ...ref,
  attempt,
  smtpMessageId: '<m1@k.se>',
  now: at(minutes),
});
const failed = (minutes: number, attempt: number, permanent = false) => ({
  type: 'RecordFailed' as const,
  ...ref,
  attempt,
  error: '451 try again later',
  permanent,
  policy,
  now: at(minutes),
});

const claimed = (minutes: number, attempt: number): DeliveryEvent => ({
  type: 'MessageClaimed.v1',
  data: { ...ref, at: iso(minutes), attempt, leaseUntil: iso(minutes + 2) },
});
const failedEvent = (minutes: number, attempt: number, retryAt?: string): DeliveryEvent => ({
  type: 'MessageFailed.v1',
  data: { ...ref, at: iso(minutes), attempt, error: '451 try again later', ...(retryAt ? { retryAt } : {}) },
});

describe('delivery decider: claims', () => {
  it('claims a queued message for its first attempt, with a lease', () =>
    spec
      .given([])
      .when(claim(0))
      .then([claimed(0, 1)]));

  it('leaves a message held by a live claim alone', () =>
    spec
      .given([claimed(0, 1)])
      .when(claim(1))
      .thenNothing());

  it('takes a message again once its claim lapsed (the sender died): the next attempt', () =>
    spec
      .given([claimed(0, 1)])
      .when(claim(3))
      .then([claimed(3, 2)]));

  it('does not claim a failed attempt before its retryAt', () =>
    spec
      .given([claimed(0, 1), failedEvent(0, 1, iso(1))])
      .when(claim(0.5))
      .thenNothing());

  it('claims it again from its retryAt', () =>
    spec
      .given([claimed(0, 1), failedEvent(0, 1, iso(1))])
      .when(claim(1))
      .then([claimed(1, 2)]));

  it('never claims a sent message again', () =>
    spec
      .given([claimed(0, 1), { type: 'MessageSent.v1', data: { ...ref, at: iso(0), attempt: 1, smtpMessageId: 'x' } }])
      .when(claim(10))
      .thenNothing());

  it('fails a message too old at its first attempt instead of sending it', () =>
    spec
      .given([])
      .when(claim(73 * 60))
      .thenMatches([
        { type: 'MessageFailed.v1', data: { attempt: 0, error: expect.stringMatching(/^too old to send: queued at 2026-03-02T09:00/) } },
      ]));

  it('fails a lapsed claim on the last attempt: no attempts are left', () =>
    spec
      .given([claimed(0, 1), failedEvent(0, 1, iso(1)), claimed(1, 2), failedEvent(1, 2, iso(3)), claimed(3, 3)])
      .when(claim(10))
      .thenMatches([{ type: 'MessageFailed.v1', data: { attempt: 3, error: expect.stringMatching(/no attempts are left/) } }]));
});

describe('delivery decider: outcomes', () => {
  it('records the server accepting the claimed attempt', () =>
    spec
      .given([claimed(0, 1)])
      .when(sent(0, 1))
      .then([{ type: 'MessageSent.v1', data: { ...ref, at: iso(0), attempt: 1, smtpMessageId: '<m1@k.se>' } }]));

  it('records nothing for a message nobody claimed', () => spec.given([]).when(sent(0, 1)).thenNothing());

  it('schedules the next attempt after a failure: base × 2^(attempt − 1)', () =>
    spec
      .given([claimed(0, 1), failedEvent(0, 1, iso(1)), claimed(1, 2)])
      .when(failed(1, 2))
      .then([failedEvent(1, 2, iso(3))]));

  it('fails for good on the last attempt', () =>
    spec
      .given([claimed(0, 1), failedEvent(0, 1, iso(1)), claimed(1, 2), failedEvent(1, 2, iso(3)), claimed(3, 3)])
      .when(failed(3, 3))
      .then([failedEvent(3, 3)]));

  it('fails for good at once when the server refused for good (5xx)', () =>
    spec
      .given([claimed(0, 1)])
      .when(failed(0, 1, true))
      .then([failedEvent(0, 1)]));

  it("ignores a stale sender's failure once the message was claimed again", () =>
    spec
      .given([claimed(0, 1), claimed(3, 2)])
      .when(failed(4, 1))
      .thenNothing());

  it('takes a stale sender\'s "sent" as the truth: the mail went out', () =>
    spec
      .given([claimed(0, 1), claimed(3, 2)])
      .when(sent(4, 1))
      .thenState((s) => expect(s.deliveries.m1).toMatchObject({ status: 'sent', sentAt: iso(4) })));

  it('caps the back-off', () => expect(retryDelayMs(30, 60_000)).toBe(6 * 3600_000));
});

describe('delivery decider: print queue and retry', () => {
  it('marks a letter printed, once', () => {
    spec
      .given([])
      .when({ type: 'MarkPrinted', ...ref, now: at(5) })
      .then([{ type: 'MessagePrinted.v1', data: { ...ref, at: iso(5), attempt: 0 } }]);
    spec
      .given([{ type: 'MessagePrinted.v1', data: { ...ref, at: iso(5), attempt: 0 } }])
      .when({ type: 'MarkPrinted', ...ref, now: at(6) })
      .thenNothing();
  });

  it('requeues a failed message with its attempts from none, and its age from then', () =>
    spec
      .given([claimed(0, 1), failedEvent(0, 1)])
      .when({ type: 'RequeueMessage', ...ref, now: at(80 * 60) })
      .thenState((s) => {
        expect(s.deliveries.m1).toMatchObject({ status: 'queued', attempts: 0, requeuedAt: iso(80 * 60) });
        expect(deliveryDecider.decide(claim(80 * 60 + 1), s)).toEqual([claimed(80 * 60 + 1, 1)]);
      }));

  it('refuses to requeue a message that has not failed', () =>
    spec
      .given([claimed(0, 1)])
      .when({ type: 'RequeueMessage', ...ref, now: at(1) })
      .thenThrows(RuleViolationError, 'not_failed'));
});
