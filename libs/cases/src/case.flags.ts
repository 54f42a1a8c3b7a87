import { addDays, needsDelayNoticeAt, overdueAt, startOfStockholmDay, stockholmDate } from '@app/core';
import type { CaseState } from './case.decider';

/** The calendar date six months after a date; a day the month lacks falls to its last day (31 Aug → 28/29 Feb). */
export function sixMonthsAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const months = m - 1 + 6;
  const year = y + Math.floor(months / 12);
  const month = months % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Förvaltningslagen 12 §: open more than six months, counted on Stockholm calendar dates from the day of receipt. */
export function openOverSixMonths(receivedAt: Date | string, now: Date | string): boolean {
  return stockholmDate(now) > sixMonthsAfter(stockholmDate(receivedAt));
}

/**
 * openOverSixMonths as a bound on receipt, for SQL: a case received before this instant is open over six months at
 * `now` (if open). It is the start of the first receipt date D with sixMonthsAfter(D) >= today: six months back to the
 * day, or the first of the month after when that month lacks the day (on 31 March: 1 October).
 */
export function openOverSixMonthsIfReceivedBefore(now: Date | string): string {
  const today = stockholmDate(now);
  const [y, m, d] = today.split('-').map(Number);
  const months = y * 12 + m - 1 - 6;
  const [year, month] = [Math.floor(months / 12), months % 12];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const first = `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
  return startOfStockholmDay(d > lastDay ? addDays(first, 1) : first).toISOString();
}

/** openOverSixMonths as SQL over the cases read model; `?` is openOverSixMonthsIfReceivedBefore(now). */
export const OPEN_OVER_SIX_MONTHS_SQL = "(status <> 'closed' AND received_at < ?)";

/** Overdue flags and the förvaltningslag 11 § and 12 § flags at an instant, as the case list computes them in SQL. */
export function caseFlags(s: CaseState, now: Date) {
  const open = s.status !== 'closed';
  const deadlines = { ...s, acknowledgeBy: s.acknowledgeBy!, respondBy: s.respondBy!, needsResponse: !!s.needsResponse, open };
  const notice = { delayNoticeAt: s.lastDelayNotice?.at, delayNoticeRespondBy: s.lastDelayNotice?.newRespondBy };
  return {
    overdue: overdueAt(deadlines, now.toISOString()),
    needsDelayNotice: needsDelayNoticeAt({ ...deadlines, ...notice }, now.toISOString()),
    openOverSixMonths: open && openOverSixMonths(s.receivedAt!, now),
  };
}
