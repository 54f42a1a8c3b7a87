import { DateTime } from 'luxon';

export const STOCKHOLM = 'Europe/Stockholm';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const stockholmFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, year: 'numeric', month: '2-digit', day: '2-digit' });
const endOfDayCache = new Map<string, Date>();
const startOfDayCache = new Map<string, Date>();

const dstByYear = new Map<number, [number, number]>();

/** EU summer time (since 1996): from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function summerTime(year: number): [number, number] {
  let range = dstByYear.get(year);
  if (!range) {
    const lastSunday = (month: number) => {
      const last = new Date(Date.UTC(year, month + 1, 0));
      return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
    };
    range = [lastSunday(2), lastSunday(9)];
    dstByYear.set(year, range);
  }
  return range;
}

/** A UTC instant in ISO form; its first 13 characters (the UTC hour) decide its Stockholm date. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?Z$/;
const dateByUtcHour = new Map<string, string>();

/**
 * The Stockholm calendar date (YYYY-MM-DD) of an instant. Stockholm is one or two whole hours ahead of UTC and
 * changes offset on the hour (01:00 UTC), so for UTC strings the date is the UTC date before 22:00 UTC and is looked
 * up by the UTC hour after: projections and reports ask this for every event.
 */
export function stockholmDate(instant: Date | string): string {
  if (typeof instant === 'string' && UTC_INSTANT.test(instant)) {
    // before 22:00 UTC it is the same day in Stockholm (at most two hours ahead); after, the hour decides
    const hour = (instant.charCodeAt(11) - 48) * 10 + instant.charCodeAt(12) - 48;
    if (hour < 22) return instant.slice(0, 10);
    return memo(dateByUtcHour, instant.slice(0, 13), () => stockholmDateOf(Date.parse(instant)));
  }
  return stockholmDateOf(typeof instant === 'string' ? Date.parse(instant) : instant.getTime());
}

function stockholmDateOf(t: number): string {
  const year = new Date(t).getUTCFullYear();
  if (year < 1996 || Number.isNaN(t)) return stockholmFormat.format(new Date(t));
  const [start, end] = summerTime(year);
  return new Date(t + (t >= start && t < end ? 2 : 1) * 3_600_000).toISOString().slice(0, 10);
}

/** The Stockholm calendar year of an instant. */
export function stockholmYear(instant: Date | string): number {
  return Number(stockholmDate(instant).slice(0, 4));
}

/** Is the text a real calendar date in YYYY-MM-DD form? */
export function isCalendarDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

/** The cached value for `key`, computed on a miss; the cache starts over past 20,000 entries. */
function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size > 20_000) cache.clear();
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** A cached instant, copied so no caller can change the cached one. */
function cached(cache: Map<string, Date>, date: string, compute: () => Date): Date {
  return new Date(memo(cache, date, compute).getTime());
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
