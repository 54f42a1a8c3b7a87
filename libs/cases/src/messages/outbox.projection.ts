import { Projection, ProjectionTx } from '@app/projections';
import type { CaseRegistered, CaseTransferred, MessageQueued, PersonalDataErased } from '../case.events';
import type { DeliveryEvent } from './delivery.events';

export const OUTBOX_PROJECTION = 'outbox';

/**
 * `queued` (waiting for an attempt at `next_attempt_at`), `sending` (claimed until `lease_until`), `sent`, `failed`
 * (finally); a letter is `to_print` until `printed`; `cancelled`: the case's personal data was erased before it went.
 */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'to_print' | 'printed' | 'cancelled';

/** A row of the outbox table: ids, kinds, statuses and times only (no personal data: the text and recipient stay sealed). */
export interface OutboxRow {
  message_id: string;
  case_id: string;
  reference: string;
  unit_id: string | null;
  kind: string;
  channel: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string | null;
  lease_until: string | null;
  queued_at: string;
  sent_at: string | null;
  updated_at: string;
}

/** Delivery outcomes as counted for the Prometheus counter: `retried` is a failed attempt that will be tried again. */
export type DeliveryOutcome = 'sent' | 'retried' | 'failed' | 'printed';

type OutboxEvent = CaseRegistered | CaseTransferred | PersonalDataErased | MessageQueued | DeliveryEvent;

/**
 * Every e-mail and letter to a submitter with where its delivery stands, for the dispatcher (what is due), the admin
 * outbox and print queue, the dashboard and the metrics. Messages with the channel `none` are only recorded: not here.
 */
export const outboxProjection: Projection = {
  name: OUTBOX_PROJECTION,
  version: 1,
  filter: {
    types: [
      'CaseRegistered.v1',
      'CaseTransferred.v1',
      'PersonalDataErased.v1',
      'MessageQueued.v1',
      'MessageClaimed.v1',
      'MessageSent.v1',
      'MessageFailed.v1',
      'MessagePrinted.v1',
      'MessageRequeued.v1',
    ],
  },
  tables: {
    outbox: `message_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, reference TEXT NOT NULL, unit_id TEXT, kind TEXT NOT NULL,
      channel TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at TEXT, lease_until TEXT,
      queued_at TEXT NOT NULL, sent_at TEXT, updated_at TEXT NOT NULL`,
    outbox_cases: 'case_id TEXT PRIMARY KEY, unit_id TEXT NOT NULL',
    outbox_outcomes: 'outcome TEXT PRIMARY KEY, count INTEGER NOT NULL',
  },
  indexes: { outbox: ['status, next_attempt_at', 'status, lease_until', 'unit_id, status', 'case_id'] },
  apply(tx, recorded) {
    const e = recorded as unknown as OutboxEvent;
    const t = tx.table('outbox');
    const cases = tx.table('outbox_cases');
    const at = (e.data as { at?: string }).at ?? '';
    switch (e.type) {
      case 'CaseRegistered.v1':
        tx.run(`INSERT OR REPLACE INTO ${cases} (case_id, unit_id) VALUES (?, ?)`, e.data.caseId, e.data.unitId);
        return;
      case 'CaseTransferred.v1':
        // The new unit's managers take over its print queue and see its failures.
        tx.run(`UPDATE ${cases} SET unit_id = ? WHERE case_id = ?`, e.data.toUnitId, e.data.caseId);
        tx.run(`UPDATE ${t} SET unit_id = ? WHERE case_id = ?`, e.data.toUnitId, e.data.caseId);
        return;
      case 'PersonalDataErased.v1':
        tx.run(
          `UPDATE ${t} SET status = 'cancelled', next_attempt_at = NULL, lease_until = NULL, updated_at = ?
           WHERE case_id = ? AND status IN ('queued', 'sending', 'failed', 'to_print')`,
          at,
          e.data.caseId,
        );
        return;
      case 'MessageQueued.v1': {
        const d = e.data;
        if (d.channel === 'none') return;
        const unit = tx.get<{ unit_id: string }>(`SELECT unit_id FROM ${cases} WHERE case_id = ?`, d.caseId);
        tx.run(
          `INSERT OR IGNORE INTO ${t} (message_id, case_id, reference, unit_id, kind, channel, status, attempts, next_attempt_at, queued_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
          d.messageId,
          d.caseId,
          d.reference,
          unit?.unit_id ?? null,
          d.kind,
          d.channel,
          d.channel === 'letter' ? 'to_print' : 'queued',
          d.channel === 'letter' ? null : at,
          at,
          at,
        );
        return;
      }
      case 'MessageClaimed.v1':
        update(
          tx,
          e.data.messageId,
          at,
          `status = 'sending', attempts = ?, lease_until = ?`,
          // A claim from before leases (the first outbox) counts as lapsed, as the delivery decider reads it.
          [e.data.attempt, e.data.leaseUntil ?? at],
          "('queued', 'sending')",
        );
        return;
      case 'MessageSent.v1':
        update(
          tx,
          e.data.messageId,
          at,
          `status = 'sent', sent_at = ?, lease_until = NULL, next_attempt_at = NULL`,
          [at],
          // Sent is sent, even when the case was erased between the server's accept and this record.
          "('queued', 'sending', 'cancelled')",
        );
        return count(tx, 'sent');
      case 'MessageFailed.v1': {
        const { retryAt, attempt } = e.data;
        const status = retryAt ? 'queued' : 'failed';
        update(
          tx,
          e.data.messageId,
          at,
          `status = ?, attempts = ?, next_attempt_at = ?, lease_until = NULL`,
          [status, attempt, retryAt ?? null],
          "('queued', 'sending')",
        );
        return count(tx, retryAt ? 'retried' : 'failed');
      }
      case 'MessagePrinted.v1':
        update(tx, e.data.messageId, at, `status = 'printed'`, [], "('to_print')");
        return count(tx, 'printed');
      case 'MessageRequeued.v1':
        update(tx, e.data.messageId, at, `status = 'queued', attempts = 0, next_attempt_at = ?, lease_until = NULL`, [at], "('failed')");
        return;
    }
  },
};

/** Moves a message on from one of the statuses `from`: a cancelled (erased) message stays cancelled. */
function update(tx: ProjectionTx, messageId: string, at: string, set: string, params: unknown[], from: string): void {
  tx.run(`UPDATE ${tx.table('outbox')} SET ${set}, updated_at = ? WHERE message_id = ? AND status IN ${from}`, ...params, at, messageId);
}

function count(tx: ProjectionTx, outcome: DeliveryOutcome): void {
  tx.run(
    `INSERT INTO ${tx.table('outbox_outcomes')} (outcome, count) VALUES (?, 1) ON CONFLICT(outcome) DO UPDATE SET count = count + 1`,
    outcome,
  );
}
