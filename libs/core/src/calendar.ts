import { DateTime } from 'luxon';

export const STOCKHOLM = 'Europe/Stockholm';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Stockholm calendar date (YYYY-MM-DD) of an instant. */
export function stockholmDate(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return DateTime.fromJSDate(d, { zone: STOCKHOLM }).toISODate()!;
}

/** The Stockholm calendar year of an instant. */
export function stockholmYear(instant: Date | string): number {
  return Number(stockholmDate(instant).slice(0, 4));
}

/** Is the text a real calendar date in YYYY-MM-DD form? */
export function isCalendarDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text, { zone: STOCKHOLM }).isValid;
}

/** The instant a Stockholm day ends (23:59:59.999 local time). */
export function endOfStockholmDay(date: string): Date {
  return DateTime.fromISO(date, { zone: STOCKHOLM }).endOf('day').toJSDate();
}

/** The instant a Stockholm day starts (00:00 local time). */
export function startOfStockholmDay(date: string): Date {
  return DateTime.fromISO(date, { zone: STOCKHOLM }).startOf('day').toJSDate();
}
