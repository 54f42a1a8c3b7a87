import { addDays } from './clock-time';
import { CONFIRM_NOTE, REJECT_REASONS, REMEDY_ACTIONS, REMEDY_OUTCOMES } from './phrases';
import { Rng } from './prng';
import { Coverage, Step, Timeline } from './steps';

export interface BreachRef {
  id?: string;
  unitId: string;
  manager: string;
  remedies: string[];
}

const BREACH_FATES = ['confirmed', 'rejected', 'undecided'] as const;
const REMEDY_FATES = ['on_time', 'late', 'open'] as const;
export type BreachFate = (typeof BREACH_FATES)[number];
export type RemedyFate = (typeof REMEDY_FATES)[number];

/** The unit decides on a reported breach; a confirmed one gets rättelse, done on time, late or not yet. */
export function planBreachStory(
  rng: Rng,
  reportedAt: number,
  coverage: Coverage,
): { fate: BreachFate; remedies: RemedyFate[]; steps: Step<BreachRef>[] } {
  const fate = coverage.next(BREACH_FATES) ?? rng.weighted<BreachFate>({ confirmed: 55, rejected: 25, undecided: 20 });
  const t = new Timeline<BreachRef>(rng, reportedAt);
  const remedies: RemedyFate[] = [];
  const path = (b: BreachRef, action: string) => `/api/breaches/${b.id}/${action}`;
  const reason = rng.pick(REJECT_REASONS);
  if (fate === 'rejected') t.add(t.after(2, 8), (b, api) => api.post(path(b, 'reject'), { reason }, b.unitId));
  if (fate !== 'confirmed') return { fate, remedies, steps: t.steps };
  t.add(t.after(2, 8), (b, api) => api.post(path(b, 'confirm'), { note: CONFIRM_NOTE }, b.unitId));
  const count = rng.chance(0.7) ? 1 : 2;
  const plans: { i: number; due: string; fate: RemedyFate }[] = [];
  for (let i = 0; i < count; i++) {
    const due = addDays(t.after(0, 2), rng.int(7, 21));
    const action = REMEDY_ACTIONS[(i + rng.int(0, 2)) % REMEDY_ACTIONS.length];
    t.add(t.after(0, 1), async (b, api) => {
      const res = await api.post<{ remedyId: string }>(
        path(b, 'remedies'),
        { action, responsible: `${b.manager}, enhetschef`, dueOn: due },
        b.unitId,
      );
      b.remedies[i] = res.remedyId;
    });
    plans.push({ i, due, fate: coverage.next(REMEDY_FATES) ?? rng.weighted<RemedyFate>({ on_time: 55, late: 25, open: 20 }) });
  }
  for (const p of plans.sort((a, b) => a.due.localeCompare(b.due))) {
    remedies.push(p.fate);
    if (p.fate === 'open') continue;
    const body = { outcome: rng.pick(REMEDY_OUTCOMES), complainantInformed: rng.chance(0.8) };
    t.add(p.fate === 'on_time' ? t.until(p.due) : t.after(2, 10, p.due), (b, api) =>
      api.post(path(b, `remedies/${b.remedies[p.i]}/complete`), body, b.unitId),
    );
  }
  return { fate, remedies, steps: t.steps };
}
