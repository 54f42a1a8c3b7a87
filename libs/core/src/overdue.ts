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
