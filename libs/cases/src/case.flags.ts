import { overdueAt, stockholmDate } from '@app/core';
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

/** Overdue flags and the förvaltningslag 12 § flag at an instant. */
export function caseFlags(s: CaseState, now: Date) {
  const open = s.status !== 'closed';
  const deadlines = { ...s, acknowledgeBy: s.acknowledgeBy!, respondBy: s.respondBy!, needsResponse: !!s.needsResponse };
  return {
    overdue: overdueAt({ ...deadlines, open }, now.toISOString()),
    openOverSixMonths: open && openOverSixMonths(s.receivedAt!, now),
  };
}
