import { addDays, startOfStockholmDay, stockholmDate, workingDays } from '@app/core';
import { Rng } from './prng';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** An instant on a Stockholm day between two local hours (fractions allowed). */
export function localTime(date: string, fromHour: number, toHour: number, rng: Rng): number {
  const start = startOfStockholmDay(date).getTime();
  return start + Math.round(fromHour * HOUR + rng.next() * (toHour - fromHour) * HOUR);
}

/** Office hours on `date`, but always after `prev` (a step follows the one before it). */
export function officeTime(date: string, prev: number, rng: Rng): number {
  const t = localTime(date, 8, 16.5, rng);
  return t > prev ? t : prev + rng.int(5, 90) * MINUTE;
}

/** The Stockholm date N working days after the day of `instant`. */
export function workingDaysAfter(instant: number, n: number): string {
  return workingDays.addWorkingDays(stockholmDate(new Date(instant)), n);
}

/** The next working day on or after `date`. */
export function workingDayFrom(date: string): string {
  let d = date;
  while (!workingDays.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

export const isWorkingDay = (date: string) => workingDays.isWorkingDay(date);
export { addDays, stockholmDate, MINUTE, HOUR };
