import { Decider, RuleViolationError } from '@app/core';
import type { MessageKind } from '../case.events';
import { DeliveryEvent } from './delivery.events';

/** `queued`: waiting (for its first attempt, or its next at `retryAt`); `sending`: claimed until `leaseUntil`. */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'printed';

export interface Delivery {
  status: DeliveryStatus;
  /** Attempts since the message was queued (or an administrator requeued it). */
  attempts: number;
  leaseUntil?: string;
  retryAt?: string;
  sentAt?: string;
  printedAt?: string;
  /** When an administrator last requeued it: its age counts from then. */
  requeuedAt?: string;
  lastError?: unknown;
}

/** Every message of the case that the outbox or a manager touched, by id. */
export interface DeliveryState {
  deliveries: Record<string, Delivery>;
}

/** How the outbox sends (config: MAIL_MAX_ATTEMPTS, MAIL_RETRY_BASE_SECONDS, MAIL_MAX_AGE_HOURS). */
export interface SendPolicy {
  /** How long a claim keeps other senders away: longer than one SMTP exchange can take (its timeouts). */
  leaseMs: number;
  maxAttempts: number;
  /** The wait after the first failed attempt; each later one doubles it, up to RETRY_CAP_MS. */
  retryBaseMs: number;
  /** An e-mail older than this at its first attempt is not sent: what it says is likely stale by then. */
  maxAgeMs: number;
}

export const RETRY_CAP_MS = 6 * 3600_000;

/** The wait before the attempt after `attempt` failed: base × 2^(attempt − 1), capped. */
export const retryDelayMs = (attempt: number, baseMs: number) => Math.min(RETRY_CAP_MS, baseMs * 2 ** Math.max(0, attempt - 1));

type Target = { caseId: string; messageId: string; unitId: string; kind: MessageKind; now: Date };
export type DeliveryCommand =
  /** `queuedAt`: when the message was queued (its age); `policy` bounds the claim. */
  | ({ type: 'ClaimMessage'; queuedAt?: string; policy: SendPolicy } & Target)
  | ({ type: 'RecordSent'; attempt: number; smtpMessageId: string } & Target)
  /** `permanent`: the server refused for good (a 5xx reply): no point in trying again. */
  | ({ type: 'RecordFailed'; attempt: number; error: string; permanent?: boolean; policy: SendPolicy } & Target)
  | ({ type: 'MarkPrinted' } & Target)
  | ({ type: 'RequeueMessage' } & Target);

const DONE: DeliveryStatus[] = ['sent', 'failed', 'printed'];

export const deliveryDecider: Decider<DeliveryState, DeliveryCommand, DeliveryEvent> = {
  initialState: () => ({ deliveries: {} }),

  evolve(s, event) {
    const { messageId, at, attempt } = event.data;
    const before: Delivery = s.deliveries[messageId] ?? { status: 'queued', attempts: 0 };
    const next = (d: Delivery) => ({ deliveries: { ...s.deliveries, [messageId]: d } });
    switch (event.type) {
      case 'MessageClaimed.v1':
        return next({ ...before, status: 'sending', attempts: attempt, leaseUntil: event.data.leaseUntil, retryAt: undefined });
      case 'MessageSent.v1':
        return next({ ...before, status: 'sent', leaseUntil: undefined, sentAt: at });
      case 'MessageFailed.v1': {
        const { retryAt, error } = event.data;
        return next({
          ...before,
          status: retryAt ? 'queued' : 'failed',
          attempts: attempt,
          leaseUntil: undefined,
          retryAt,
          lastError: error,
        });
      }
      case 'MessagePrinted.v1':
        return next({ ...before, status: 'printed', printedAt: at });
      case 'MessageRequeued.v1':
        return {
          deliveries: { ...s.deliveries, [messageId]: { status: 'queued', attempts: 0, requeuedAt: at, lastError: before.lastError } },
        };
    }
  },

  decide(command, s) {
    const { caseId, messageId, unitId, kind } = command;
    const d = s.deliveries[messageId];
    const at = command.now.toISOString();
    const base = { caseId, messageId, unitId, kind, at };
    switch (command.type) {
      case 'ClaimMessage':
        return claim(command, d, base);
      case 'RecordSent':
        // The mail went out: that is so whichever claim sent it (a sender whose lease ran out may still have got through).
        if (d?.status !== 'sending') return [];
        return [{ type: 'MessageSent.v1', data: { ...base, attempt: command.attempt, smtpMessageId: command.smtpMessageId } }];
      case 'RecordFailed': {
        // Only the current claim's failure counts: a stale sender's must not undo a later attempt.
        if (d?.status !== 'sending' || d.attempts !== command.attempt) return [];
        const final = command.permanent || command.attempt >= command.policy.maxAttempts;
        const retryAt = final
          ? {}
          : { retryAt: new Date(command.now.getTime() + retryDelayMs(command.attempt, command.policy.retryBaseMs)).toISOString() };
        return [{ type: 'MessageFailed.v1', data: { ...base, attempt: command.attempt, error: command.error, ...retryAt } }];
      }
      case 'MarkPrinted':
        if (d?.status === 'printed') return [];
        return [{ type: 'MessagePrinted.v1', data: { ...base, attempt: 0 } }];
      case 'RequeueMessage':
        if (d?.status !== 'failed')
          throw new RuleViolationError(
            'not_failed',
            `message ${messageId} has not failed (it is ${d?.status ?? 'queued'}): there is nothing to retry`,
          );
        return [{ type: 'MessageRequeued.v1', data: { ...base, attempt: 0 } }];
    }
  },
};

/**
 * A message is taken when it is due and nobody holds it: queued and past its retryAt, or held by a claim whose lease
 * ran out (its sender died, so the mail may have gone: at most one duplicate, with the same Message-ID). A first
 * attempt on a message older than the policy allows fails it instead; so does a lapsed claim on the last attempt.
 */
function claim(
  c: Extract<DeliveryCommand, { type: 'ClaimMessage' }>,
  d: Delivery | undefined,
  base: Omit<DeliveryEvent['data'], 'attempt'>,
): DeliveryEvent[] {
  const now = c.now.getTime();
  const attempts = d?.attempts ?? 0;
  if (d && DONE.includes(d.status)) return [];
  if (d?.status === 'sending' && now < Date.parse(d.leaseUntil!)) return [];
  if (d?.status === 'queued' && d.retryAt && now < Date.parse(d.retryAt)) return [];
  const since = d?.requeuedAt ?? c.queuedAt;
  if (attempts === 0 && since && now - Date.parse(since) > c.policy.maxAgeMs) {
    const hours = Math.round(c.policy.maxAgeMs / 3600_000);
    const error = `too old to send: queued at ${since}, more than ${hours} h before its first attempt; retry or resend it if it still holds`;
    return [{ type: 'MessageFailed.v1', data: { ...base, attempt: 0, error } }];
  }
  if (attempts >= c.policy.maxAttempts) {
    const error = `the sender of attempt ${attempts} stopped without recording how it went; no attempts are left`;
    return [{ type: 'MessageFailed.v1', data: { ...base, attempt: attempts, error } }];
  }
  const leaseUntil = new Date(now + c.policy.leaseMs).toISOString();
  return [{ type: 'MessageClaimed.v1', data: { ...base, attempt: attempts + 1, leaseUntil } }];
}
