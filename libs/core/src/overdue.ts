import { stockholmDate } from './calendar';
import { pauseStopsResponseClock } from './response-clock';

/** What the deadline rules read of a case: ISO instants, absent (or null) where the step is not done. */
export interface DeadlineFacts {
  acknowledgedAt?: string | null;
  acknowledgeBy: string;
  needsResponse: boolean;
  respondedAt?: string | null;
  respondBy: string;
  /** The start of a pause for the complainant still running; a pause begun at or before respondBy stops the clock. */
  pausedSince?: string | null;
}

/**
 * Each step's deadline rule, stated once. `late` is what the yearly figures count (a case closed without the step
 * is late all the same); `overdue` is what lists and flags show: late and still open. Every SQL filter on overdue is
 * OVERDUE_SQL below, which a property test holds to these functions.
 */
export const lateAt = {
  acknowledge: (c: DeadlineFacts, at: string): boolean => !c.acknowledgedAt && at > c.acknowledgeBy,
  respond: (c: DeadlineFacts, at: string): boolean =>
    c.needsResponse && !c.respondedAt && at > c.respondBy && !pauseStopsResponseClock(c.pausedSince ?? undefined, c.respondBy),
};

export const overdueAt = (c: DeadlineFacts & { open: boolean }, at: string) => ({
  acknowledge: c.open && lateAt.acknowledge(c, at),
  respond: c.open && lateAt.respond(c, at),
});

/** The case's latest delay notice (FL 11 §), absent when none was sent: its business time, and the date it named, if any. */
export interface DelayNoticeFacts {
  delayNoticeAt?: string | null;
  /** The notice's newRespondBy: a Stockholm calendar date (YYYY-MM-DD). */
  delayNoticeRespondBy?: string | null;
}

/**
 * FL 11 §: overdue on the response and the submitter not told of the delay. Any notice tells it, one sent before
 * respondBy too (the law asks for one as soon as the authority sees the case will be late), until the date it named, if
 * it named one, has passed (the day after it, Stockholm time, another is due). Notices are steps, so the latest has the
 * latest business time. Filtered by NEEDS_DELAY_NOTICE_SQL.
 */
export const needsDelayNoticeAt = (c: DeadlineFacts & DelayNoticeFacts & { open: boolean }, at: string): boolean => {
  if (!overdueAt(c, at).respond) return false;
  const toldUntilPassed = !!c.delayNoticeRespondBy && c.delayNoticeRespondBy < stockholmDate(at);
  return !c.delayNoticeAt || toldUntilPassed;
};

/** A planned remedy is overdue the day after its due date (Stockholm calendar dates, YYYY-MM-DD). */
export const remedyOverdue = (r: { status: string; dueOn: string }, today: string): boolean => r.status === 'planned' && r.dueOn < today;

/**
 * The same rules as SQL over a read model's columns (each expression takes `?` once: the instant, or for remedies
 * the date). ISO instants of one format compare as text as they do as times.
 */
export const OVERDUE_SQL = {
  acknowledge: "(status <> 'closed' AND acknowledged_at IS NULL AND ? > acknowledge_by)",
  respond:
    "(status <> 'closed' AND needs_response = 1 AND responded_at IS NULL AND (paused_since IS NULL OR paused_since > respond_by) AND ? > respond_by)",
  remedy: "(status = 'planned' AND due_on < ?)",
};

/**
 * needsDelayNoticeAt as SQL over the cases read model: takes `?` twice, the instant and then its Stockholm date.
 * Null-safe, so it is 0 or 1 and `= 0` finds every case that needs none.
 */
export const NEEDS_DELAY_NOTICE_SQL = `(${OVERDUE_SQL.respond} AND (delay_notice_at IS NULL
  OR (delay_notice_respond_by IS NOT NULL AND delay_notice_respond_by < ?)))`;
