import Holidays from 'date-holidays';
import { addDays, endOfStockholmDay, stockholmDate, weekday } from './calendar';

/** Eves that are de facto non-working days in Swedish public administration. */
const NON_WORKING_EVES = new Set(['midsommarafton', 'julafton', 'nyårsafton']);
const DAY_MS = 86_400_000;

/**
 * Working days in Europe/Stockholm: Monday–Friday, excluding Swedish public holidays
 * and midsommarafton, julafton and nyårsafton.
 */
export class WorkingDayCalendar {
  private readonly holidays = new Holidays('SE');
  private readonly byYear = new Map<number, Set<string>>();

  private closedDays(year: number): Set<string> {
    let days = this.byYear.get(year);
    if (!days) {
      days = new Set(
        this.holidays
          .getHolidays(year)
          .filter((h) => h.type === 'public' || NON_WORKING_EVES.has(h.name.toLowerCase()))
          .map((h) => h.date.slice(0, 10)),
      );
      this.byYear.set(year, days);
    }
    return days;
  }

  isWorkingDay(date: string): boolean {
    return weekday(date) <= 5 && !this.closedDays(Number(date.slice(0, 4))).has(date);
  }

  private readonly added = new Map<string, string>();

  /** The date of the Nth working day after `date` (N ≥ 0; N = 0 gives `date` itself). */
  addWorkingDays(date: string, n: number): string {
    const key = `${date}+${n}`;
    let result = this.added.get(key);
    if (result === undefined) {
      if (this.added.size > 50_000) this.added.clear();
      result = this.walk(date, n);
      this.added.set(key, result);
    }
    return result;
  }

  private walk(date: string, n: number): string {
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Per year: working days from 1 January up to and including each day of the year (index 0 = 1 January). */
  private readonly upToDay = new Map<number, Uint16Array>();

  private yearCounts(year: number): Uint16Array {
    let counts = this.upToDay.get(year);
    if (!counts) {
      const days = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS);
      counts = new Uint16Array(days);
      let n = 0;
      for (let i = 0, d = `${year}-01-01`; i < days; i++, d = addDays(d, 1)) counts[i] = n += this.isWorkingDay(d) ? 1 : 0;
      this.upToDay.set(year, counts);
    }
    return counts;
  }

  /** Working days from 1 January of `baseYear` up to and including `date` (a YYYY-MM-DD date in or after baseYear). */
  private countFrom(baseYear: number, date: string): number {
    const year = Number(date.slice(0, 4));
    const dayOfYear = Math.round((Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - Date.UTC(year, 0, 1)) / DAY_MS);
    let n = this.yearCounts(year)[dayOfYear];
    for (let y = baseYear; y < year; y++) {
      const counts = this.yearCounts(y);
      n += counts[counts.length - 1];
    }
    return n;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`): a difference of two per-year counts. */
  workingDaysBetween(from: string, to: string): number {
    if (to <= from) return 0;
    const baseYear = Number(from.slice(0, 4));
    return this.countFrom(baseYear, to) - this.countFrom(baseYear, from);
  }

  /** The deadline instant: the end of the Nth working day after the Stockholm day of `received`. */
  deadline(received: Date | string, workingDays: number): Date {
    return endOfStockholmDay(this.addWorkingDays(stockholmDate(received), workingDays));
  }
}

export const workingDays = new WorkingDayCalendar();
