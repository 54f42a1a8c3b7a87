import { startOfStockholmDay } from '@app/core';
import { BreachFate, BreachRef, planBreachStory } from './breach-story';
import { localTime, MINUTE, officeTime, stockholmDate, workingDayFrom, workingDaysAfter } from './clock-time';
import { BOARD_MEETING_MONTHS, DISTRICT, unitContactOf, UNITS } from './district';
import { DemoGuarantee, guaranteeFor } from './guarantees';
import { boardMeetings, drawIntake, Intake } from './intake';
import { CaseRef, Lifecycle, LIFECYCLES, planLifecycle } from './lifecycle';
import { Rng } from './prng';
import { SeedApi } from './seed-api';
import { Coverage, Step } from './steps';

export interface Action {
  at: number;
  run(api: SeedApi): Promise<unknown>;
}

export interface Scenario {
  actions: Action[];
  kinds: Record<Lifecycle, number>;
  breaches: Record<BreachFate, number>;
}

export interface ScenarioOptions {
  year: number;
  seed: number;
  cases: number;
  /** Nothing happens after this instant: the seed never writes the future. */
  end: number;
}

/** The whole demo year as dated API calls: set-up in December, the board's adoption in January, then the cases. */
export function buildScenario(o: ScenarioOptions): Scenario {
  const rng = new Rng(o.seed);
  const actions: Action[] = [];
  const add = <R>(ref: R, steps: Step<R>[]) => {
    for (const s of steps) {
      if (s.at > o.end) break;
      actions.push({ at: s.at, run: (api) => s.run(ref, api) });
    }
  };
  const once = (at: number, run: Action['run']) => add(null, [{ at, run: (_, api) => run(api) }]);

  let t = localTime(workingDayFrom(`${o.year - 1}-12-01`), 9, 9, rng);
  for (const u of UNITS) {
    const body = { id: u.id, name: u.name, department: u.department, district: DISTRICT };
    once((t += MINUTE), (api) => api.post('/api/units', body, 'admin', [409]));
  }
  for (const u of UNITS) once((t += MINUTE), (api) => api.post(`/api/units/${u.id}/contact`, unitContactOf(u), 'admin'));
  const guarantees = new Map<string, DemoGuarantee>(UNITS.map((u) => [u.id, guaranteeFor(u, o.year)]));
  t = localTime(workingDayFrom(`${o.year - 1}-12-08`), 10, 10, rng);
  for (const g of guarantees.values()) once((t += 7 * MINUTE), (api) => api.post('/api/guarantees', g.body, g.unitId, [409]));
  const [board] = boardMeetings(o.year, [1]);
  const decidedOn = stockholmDate(new Date(board));
  for (const g of guarantees.values()) {
    const adopt = { decidedOn, decisionRef: `§ 7, dnr 1.2-600/${o.year}` };
    once(board + 60 * MINUTE, (api) => api.post(`/api/guarantees/${g.id}/adopt`, adopt, 'admin', [409]));
  }
  const renamed = UNITS.find((u) => u.renamedTo)!;
  once(localTime(workingDayFrom(`${o.year}-09-01`), 10, 10, rng), (api) =>
    api.post(`/api/units/${renamed.id}/rename`, { name: renamed.renamedTo }, 'admin'),
  );

  const inForceFrom = board + 60 * MINUTE;
  const yearEnd = startOfStockholmDay(`${o.year + 1}-01-01`).getTime() - 1;
  const ctx = {
    firstDay: `${o.year}-01-01`,
    lastDay: stockholmDate(new Date(Math.min(o.end, yearEnd))),
    end: o.end,
    guarantees,
    inForceFrom,
    meetings: boardMeetings(o.year, BOARD_MEETING_MONTHS),
  };
  const intakes = Array.from({ length: o.cases }, () => drawIntake(rng, ctx)).sort((a, b) => a.registeredAt - b.registeredAt);
  const kinds = Object.fromEntries(Object.keys(LIFECYCLES).map((k) => [k, 0])) as Record<Lifecycle, number>;
  const breaches: Record<BreachFate, number> = { confirmed: 0, rejected: 0, undecided: 0 };
  const coverage = new Coverage();
  let n = 0;
  const recent = new Map<string, { ref: CaseRef; kind: Lifecycle; intake: Intake }>();
  for (const intake of intakes) {
    const ref: CaseRef = { unitId: intake.unit.id, registeredAt: intake.registeredAt };
    const previous = recent.get(intake.unit.id);
    const duplicateOf =
      previous && intake.registeredAt - previous.intake.registeredAt < 15 * 86_400_000 && !/merged|transferred/.test(previous.kind)
        ? previous.ref
        : undefined;
    const siblings = UNITS.filter((u) => u.department === intake.unit.department && u.id !== intake.unit.id);
    const respondDays = intake.commitment?.responseWorkingDays ?? 10;
    const wanted = n++ % 4 === 0 ? coverage.next(Object.keys(LIFECYCLES) as Lifecycle[]) : undefined;
    const { kind, steps } = planLifecycle(rng, intake, { respondDays, transferTo: rng.pick(siblings), duplicateOf, kind: wanted });
    if (wanted && wanted !== kind) coverage.release(wanted);
    kinds[kind]++;
    recent.set(intake.unit.id, { ref, kind, intake });
    const breach: BreachRef = { unitId: intake.unit.id, manager: intake.unit.manager, remedies: [] };
    add(ref, [
      {
        at: intake.registeredAt,
        async run(r, api) {
          const res = await api.post<{ id: string; reference: string }>('/api/cases', intake.body, 'intake');
          Object.assign(r, { id: res.id, reference: res.reference });
          if (intake.commitment) breach.id = await breachOf(api, res.id);
        },
      },
      ...steps,
    ]);
    if (!intake.commitment || intake.registeredAt > o.end) continue;
    const story = planBreachStory(rng, intake.registeredAt, coverage);
    breaches[story.fate]++;
    add(breach, story.steps);
  }

  for (let i = 0; i < Math.round(o.cases / 40); i++) {
    const g = guarantees.get(rng.pick(UNITS).id)!;
    const unit = UNITS.find((u) => u.id === g.unitId)!;
    const commitment = rng.pick(g.commitments);
    const occurredAt = Math.round(inForceFrom + rng.next() * (Math.min(o.end, yearEnd) - inForceFrom - 5 * 86_400_000));
    const reportedAt = officeTime(workingDaysAfter(occurredAt, rng.int(1, 10)), occurredAt, rng);
    if (occurredAt < inForceFrom || reportedAt > o.end) continue;
    const ref: BreachRef = { unitId: unit.id, manager: unit.manager, remedies: [] };
    const report = {
      guaranteeId: g.id,
      commitmentId: commitment.id,
      occurredAt: new Date(occurredAt).toISOString(),
      description: commitment.finding,
    };
    const story = planBreachStory(rng, reportedAt, coverage);
    breaches[story.fate]++;
    add(ref, [{ at: reportedAt, run: async (b, api) => (b.id = (await api.post<{ id: string }>('/api/breaches', report, b.unitId)).id) }]);
    add(ref, story.steps);
  }
  return { actions: actions.sort((a, b) => a.at - b.at), kinds, breaches };
}

/** The breach a case names is reported by the app's own process manager; wait for it so later steps can decide on it. */
async function breachOf(api: SeedApi, caseId: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const c = await api.get<{ breachId?: string }>(`/api/cases/${caseId}`, 'intake'); // intake sees no confidential text: no disclosure logged
    if (c.breachId) return c.breachId;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`case ${caseId} named a commitment, but no breach was reported for it within 5 s`);
}
