import { DateTime } from 'luxon';

export const STOCKHOLM = 'Europe/Stockholm';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const stockholmFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, year: 'numeric', month: '2-digit', day: '2-digit' });
const endOfDayCache = new Map<string, Date>();
const startOfDayCache = new Map<string, Date>();

/** The Stockholm calendar date (YYYY-MM-DD) of an instant. */
export function stockholmDate(instant: Date | string): string {
  return stockholmFormat.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** The Stockholm calendar year of an instant. */
export function stockholmYear(instant: Date | string): number {
  return Number(stockholmDate(instant).slice(0, 4));
}

/** Is the text a real calendar date in YYYY-MM-DD form? */
export function isCalendarDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

function cached(cache: Map<string, Date>, date: string, compute: () => Date): Date {
  let d = cache.get(date);
  if (!d) {
    if (cache.size > 20_000) cache.clear();
    d = compute();
    cache.set(date, d);
  }
  return new Date(d.getTime());
}

/** The instant a Stockholm day ends (23:59:59.999 local time). */
export function endOfStockholmDay(date: string): Date {
  return cached(endOfDayCache, date, () => DateTime.fromISO(date, { zone: STOCKHOLM }).endOf('day').toJSDate());
}

/** The instant a Stockholm day starts (00:00 local time). */
export function startOfStockholmDay(date: string): Date {
  return cached(startOfDayCache, date, () => DateTime.fromISO(date, { zone: STOCKHOLM }).startOf('day').toJSDate());
}

/** Calendar arithmetic on YYYY-MM-DD dates (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}
