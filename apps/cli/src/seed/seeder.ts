import { AddressInfo } from 'node:net';
import { FixedClock, stockholmDate } from '@app/core';
import { countEvents, EVENT_STORE, EventStore } from '@app/event-store';
import { AppConfig } from '@app/platform';
import { createApp } from '../../../api/src/create-app';
import { BreachFate } from './breach-story';
import { Lifecycle } from './lifecycle';
import { buildScenario } from './scenario';
import { SeedApi } from './seed-api';
import { eventsInLog } from '../progress';

export interface SeedOptions {
  year: number;
  seed: number;
  cases: number;
  /** Seed on top of existing events. */
  force?: boolean;
  /** The real present: nothing is dated after it. */
  now?: Date;
  onProgress?(done: number, total: number): void;
}

type Totals = {
  casesByType: Record<string, number>;
  breaches: { reported: number; confirmed: number; rejected: number };
  remedies: { planned: number; completed: number; completedOnTime: number };
  commitments: number;
  openAtYearEnd: number;
};

export interface SeedSummary {
  year: number;
  until: string;
  units: number;
  guarantees: number;
  cases: number;
  references: string[];
  openCases: number;
  overdueCases: number;
  kinds: Record<Lifecycle, number>;
  breachFates: Record<BreachFate, number>;
  /** Messages to submitters queued, by channel (email, letter, none). */
  messages: Record<string, number>;
  report: Totals;
  events: number;
  requests: number;
  seconds: number;
}

export class SeedRefused extends Error {}

/** Past years run on into the next until the end of February, so December's cases get handled too. */
export function seedEnd(year: number, now: Date): number {
  return Math.min(now.getTime(), Date.parse(`${year + 1}-02-28T16:00:00Z`));
}

/** Plays the demo year through the real app in-process, with a clock that walks through the year. */
export async function seedDistrict(config: AppConfig, o: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const end = seedEnd(o.year, o.now ?? new Date());
  const scenario = buildScenario({ year: o.year, seed: o.seed, cases: o.cases, end });
  const clock = new FixedClock(new Date(scenario.actions[0].at));
  const app = await createApp({ config, clock });
  try {
    await app.init();
    const store = app.get<EventStore>(EVENT_STORE);
    if (!o.force && (await store.readAll({ limit: 1 })).length) {
      throw new SeedRefused(`the event store under ${config.dataDir} already holds events; use --force to add the demo district anyway`);
    }
    await app.listen(0, '127.0.0.1');
    const api = new SeedApi(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, config.auth);
    const total = scenario.actions.length;
    for (const [i, action] of scenario.actions.entries()) {
      clock.set(new Date(Math.max(action.at, clock.now().getTime())));
      await action.run(api);
      if (i % 25 === 0 || i === total - 1) o.onProgress?.(i + 1, total);
    }
    clock.set(new Date(end));
    const wait = `minPosition=${api.lastPosition}`;
    const report = await api.get<{ totals: Totals }>(`/api/reports/yearly?year=${o.year}&${wait}`, 'admin');
    const cases: string[] = [];
    for (let page = 1; ; page++) {
      const res = await api.get<{ cases: { reference: string }[] }>(`/api/cases?pageSize=500&page=${page}&${wait}`, 'admin');
      cases.push(...res.cases.map((c) => c.reference));
      if (res.cases.length < 500) break;
    }
    const count = async (query: string) => (await api.get<{ total: number }>(`/api/cases?pageSize=1&${query}&${wait}`, 'admin')).total;
    const guarantees = await api.get<{ guarantees: unknown[] }>(`/api/guarantees?year=${o.year}&${wait}`, 'admin');
    const units = await api.get<{ units: unknown[] }>(`/api/units?${wait}`, 'admin');
    const messages: Record<string, number> = { email: 0, letter: 0, none: 0 };
    for (const e of await store.readAll({ types: ['MessageQueued.v1'], sealed: true })) messages[(e.data as { channel: string }).channel]++;
    return {
      year: o.year,
      until: stockholmDate(new Date(end)),
      units: units.units.length,
      guarantees: guarantees.guarantees.length,
      cases: cases.length,
      references: cases.sort(),
      openCases: await count('status=open'),
      overdueCases: await count('overdue=true'),
      kinds: scenario.kinds,
      breachFates: scenario.breaches,
      messages,
      report: report.totals,
      events: (await eventsInLog(store)) ?? (await countEvents(store)), // on KurrentDB a position is a byte offset, no count
      requests: api.requests,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await app.close();
  }
}
