import { workingDays } from '@app/core';
import { officeTime, stockholmDate, workingDayFrom } from './clock-time';
import { Rng } from './prng';
import type { SeedApi } from './seed-api';

/** One dated call against the API; `ref` holds the ids the app gave out earlier in the story. */
export interface Step<R> {
  at: number;
  run(ref: R, api: SeedApi): Promise<unknown>;
}

/** Walks a story forward in office hours: every step after the one before it, on a date the caller chooses. */
export class Timeline<R> {
  readonly steps: Step<R>[] = [];

  constructor(
    private readonly rng: Rng,
    public prev: number,
  ) {}

  day(): string {
    return stockholmDate(new Date(this.prev));
  }

  /** N working days after the current day (N drawn from min..max). */
  after(min: number, max: number, from = this.day()): string {
    return workingDays.addWorkingDays(from, this.rng.int(min, max));
  }

  /** A working day from the current day up to `to` (or the current one when `to` has passed). */
  until(to: string): string {
    const base = workingDayFrom(this.day());
    if (base >= to) return base;
    return workingDays.addWorkingDays(base, this.rng.int(0, workingDays.workingDaysBetween(base, to)));
  }

  add(date: string, run: Step<R>['run']): void {
    this.prev = officeTime(date < this.day() ? this.day() : date, this.prev, this.rng);
    this.steps.push({ at: this.prev, run });
  }
}

/** Hands out each variant once before chance takes over, so even a small demo shows every kind of story. */
export class Coverage {
  private readonly used = new Set<string>();

  next<K extends string>(all: readonly K[]): K | undefined {
    const k = all.find((x) => !this.used.has(x));
    if (k) this.used.add(k);
    return k;
  }

  /** A variant that could not be played (e.g. no earlier case to merge into) is offered again later. */
  release(k: string): void {
    this.used.delete(k);
  }
}
