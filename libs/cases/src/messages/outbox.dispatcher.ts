import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, NotFoundError } from '@app/core';
import { EventStore } from '@app/event-store';
import { ReadModelStore } from '@app/projections';
import { ClaimMessage, MessageRef, RecordDelivery } from './delivery.command';
import { Mail, Mailer, OpenedMessage, refusedForGood } from './mailer';
import { MessageErasedError, OpenedQueued, openQueued } from './message-context';
import { OUTBOX } from './outbox.principal';
import type { OutboxRow } from './outbox.projection';

export interface OutboxDeps {
  commands: { execute(command: object): Promise<unknown> };
  readModels: Pick<ReadModelStore, 'all'>;
  store: Pick<EventStore, 'readStream'>;
  clock: Clock;
  /** Unset without SMTP_URL: nothing is sent, e-mail waits queued. */
  mailer?: Mailer;
  /** The e-mail of a message (`opened`: with its case as it stood then): its subject, text and HTML parts, Reply-To and Message-ID. */
  compose: (m: OpenedMessage, opened: OpenedQueued) => Promise<Mail>;
  /** How often it looks for due e-mail (default 1 s) when nothing wakes it. */
  pollMs?: number;
  /**
   * Calls its listener when the read models have moved (ProjectionsHost.onAdvance) and answers the call that stops it:
   * the outbox then looks at once, so that a receipt goes within milliseconds of its registration, not a poll.
   */
  advances?: (listener: () => void) => () => void;
}

/** At most this many messages per look, so that a long queue after an outage goes out in steady steps. */
const BATCH = 50;
/** Moves of the read models within this are one look: a rebuild's pages or a busy intake do not look back to back. */
const ADVANCE_COALESCE_MS = 25;

/**
 * The outbox, in the projector: every e-mail that is due (queued and past its next attempt, or claimed by a sender
 * whose lease ran out) is claimed (an append with the expected revision on the case's messages stream, so of two
 * projectors, or two hosts, only one sends it), opened again (an erased case's message is never sent), composed,
 * sent over SMTP with its stable Message-ID, and its outcome recorded. Failures are retried with back-off by the
 * delivery decider's rules; the outbox read model says what is due.
 */
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer?: NodeJS.Timeout;
  private unhook?: () => void;
  private soon?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private busy = false;
  private again = false;
  private shuttingDown = false;

  constructor(
    private readonly deps: OutboxDeps,
    /** False in an HTTP worker, which never sends. */
    private readonly runs: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runs && this.deps.mailer) this.start();
  }

  /** Starts looking: every `pollMs`, and whenever the read models move. */
  start(pollMs = this.deps.pollMs ?? 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.wake(), pollMs);
    this.timer.unref(); // the first look a poll after the start: the read models are open by then
    this.unhook = this.deps.advances?.(() => this.wakeSoon());
  }

  /** A look shortly after the read models move; the moves until then make no more looks. */
  private wakeSoon(): void {
    if (this.soon || !this.timer) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.wake();
    }, ADVANCE_COALESCE_MS);
    this.soon.unref();
  }

  /**
   * Looks for due e-mail now; looks follow each other, never overlap. Wakes while one is under way (a slow mail server,
   * many registrations) are folded into one more look after it, so that what was queued meanwhile is not left to the
   * next poll. A failed look is logged and tried at the next.
   */
  wake(): Promise<unknown> {
    if (this.busy) {
      this.again = true;
      return this.running!;
    }
    this.busy = true;
    this.running = (this.running ?? Promise.resolve())
      .then(() => this.tick())
      .catch((err: unknown) => this.logger.error(`the outbox could not look for due e-mail: ${String(err)}`))
      .finally(() => {
        this.busy = false;
        if (this.again && this.timer) void this.wake();
        this.again = false;
      });
    return this.running;
  }

  /** One look: sends what is due now; answers how many messages it tried. */
  async tick(): Promise<number> {
    if (!this.deps.mailer) return 0;
    const now = this.deps.clock.now().toISOString();
    const due = this.deps.readModels.all<OutboxRow>(
      `SELECT * FROM outbox WHERE channel = 'email' AND ((status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?))
       ORDER BY COALESCE(next_attempt_at, lease_until) LIMIT ${BATCH}`,
      now,
      now,
    );
    for (const row of due) {
      // Shutting down: the sends under way are done, the rest wait for the next start (their claims are not taken yet).
      if (this.shuttingDown) break;
      // One message that cannot be claimed, opened or recorded (a log out of reach, a damaged envelope) is logged by
      // its ids and left to its lease or next attempt; the messages after it still go.
      await this.deliver(row).catch((err: unknown) =>
        this.logger.error(`message ${row.message_id} of case ${row.case_id}: the outbox could not deliver it now: ${errorName(err)}`),
      );
    }
    return due.length;
  }

  async deliver(row: Pick<OutboxRow, 'case_id' | 'message_id' | 'unit_id' | 'kind' | 'queued_at'>): Promise<void> {
    const { commands, mailer, compose } = this.deps;
    const ref: MessageRef = {
      caseId: row.case_id,
      messageId: row.message_id,
      unitId: row.unit_id ?? '',
      kind: row.kind as MessageRef['kind'],
    };
    const metadata = { correlationId: `outbox-${row.message_id}` };
    const attempt = (await commands.execute(new ClaimMessage({ ...ref, queuedAt: row.queued_at }, OUTBOX, metadata))) as number | false;
    if (!attempt) return;
    // Opened at the instant of sending: a case erased since it was queued gets nothing (its claim lapses; the
    // read model has it cancelled).
    const opened = await this.open(ref);
    if (!opened) return;
    let outcome: { smtpMessageId: string } | { error: string; permanent?: boolean };
    try {
      outcome = { smtpMessageId: await mailer!.send(await compose(...opened)) };
    } catch (err) {
      outcome = { error: err instanceof Error ? err.message : String(err), permanent: refusedForGood(err) };
    }
    await commands.execute(new RecordDelivery(ref, attempt, outcome, OUTBOX, metadata));
  }

  /** The queued message with its text and recipient opened; undefined when its case's personal data was erased. */
  private async open(ref: MessageRef): Promise<[OpenedMessage, OpenedQueued] | undefined> {
    const opened = await openQueued(this.deps.store, ref.caseId, ref.messageId).catch((err: unknown) => {
      if (err instanceof NotFoundError || err instanceof MessageErasedError) return undefined;
      throw err;
    });
    const m = opened?.message;
    if (!m || typeof m.recipient !== 'string') return undefined;
    return [{ ...m, recipient: m.recipient }, opened];
  }

  /** Stops looking; resolves once the look under way (if any) is done. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unhook?.();
    this.unhook = undefined;
    clearTimeout(this.soon);
    this.soon = undefined;
    await this.running;
  }

  beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    return this.stop();
  }
}

/** What went wrong, without its message: an error from the vault or the mail server may quote an address. */
const errorName = (err: unknown): string =>
  err instanceof Error ? `${err.name}${'code' in err ? ` (${String(err.code)})` : ''}` : typeof err;
