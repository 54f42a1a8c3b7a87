import Holidays from 'date-holidays';
import { addDays, endOfStockholmDay, stockholmDate, weekday } from './calendar';

/** Eves that are de facto non-working days in Swedish public administration. */
const NON_WORKING_EVES = new Set(['midsommarafton', 'julafton', 'nyårsafton']);

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

  private readonly between = new Map<string, number>();

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    const key = `${from}..${to}`;
    let count = this.between.get(key);
    if (count === undefined) {
      if (this.between.size > 100_000) this.between.clear();
      count = this.count(from, to);
      this.between.set(key, count);
    }
    return count;
  }

  private count(from: string, to: string): number {
    let count = 0;
    for (let d = from; d < to; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }

  /** The deadline instant: the end of the Nth working day after the Stockholm day of `received`. */
  deadline(received: Date | string, workingDays: number): Date {
    return endOfStockholmDay(this.addWorkingDays(stockholmDate(received), workingDays));
  }
}

export const workingDays = new WorkingDayCalendar();
