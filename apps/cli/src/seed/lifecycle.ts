import { workingDays } from '@app/core';
import { stockholmDate } from './clock-time';
import { DemoUnit } from './district';
import { Intake } from './intake';
import { DELAY_REASONS, NOT_RESOLVED_NOTE, QUESTIONS, REOPEN_REASONS, RESPONSES, STAFF, TRANSFER_REASON, WITHDRAW_NOTE } from './phrases';
import { Rng } from './prng';
import type { SeedApi } from './seed-api';
import { Step, Timeline } from './steps';

export interface CaseRef {
  id?: string;
  reference?: string;
  unitId: string;
  registeredAt: number;
}

export const LIFECYCLES = {
  standard: 43,
  ack_late: 7,
  respond_late: 9,
  paused: 6,
  still_paused: 2,
  transferred: 5,
  merged: 4,
  unmerged: 1,
  not_resolved: 6,
  withdrawn: 4,
  reopened: 4,
  reopened_open: 1,
  stalled: 5,
  unacknowledged: 3,
};
export type Lifecycle = keyof typeof LIFECYCLES;

const OUTCOMES = { justified: 25, partly_justified: 25, unjustified: 40, not_assessable: 10 };

/** The steps a case goes through after registration: who does what, and when. */
export function planLifecycle(
  rng: Rng,
  intake: Intake,
  options: { respondDays: number; transferTo?: DemoUnit; duplicateOf?: CaseRef; kind?: Lifecycle },
): { kind: Lifecycle; steps: Step<CaseRef>[] } {
  let kind = options.kind ?? rng.weighted(LIFECYCLES);
  if ((kind === 'merged' || kind === 'unmerged') && !options.duplicateOf) kind = 'standard';
  if (kind === 'transferred' && !options.transferTo) kind = 'standard';
  const t = new Timeline<CaseRef>(rng, intake.registeredAt);
  const received = stockholmDate(new Date(intake.receivedAt));
  const ackBy = workingDays.addWorkingDays(received, 2);
  let respondBy = workingDays.addWorkingDays(received, options.respondDays);
  const act =
    (action: string, body: object = {}): Step<CaseRef>['run'] =>
    (c, api) =>
      api.post(`/api/cases/${c.id}/${action}`, body, c.unitId);

  const ack = (late = false) => t.add(late ? t.after(1, 5, ackBy) : t.until(ackBy), act('acknowledge'));
  const assign = () => t.add(t.after(0, 1), act('assign', { assignee: rng.pick(STAFF) }));
  const respond = (late = false) => {
    if (intake.anonymous || (!intake.needsResponse && rng.chance(0.4))) return;
    const outcome = intake.type === 'complaint' ? rng.weighted(OUTCOMES) : undefined;
    const body = { message: RESPONSES[outcome ?? 'other'], ...(outcome ? { outcome } : {}) };
    const respondAndPrint: Step<CaseRef>['run'] = async (c, api) => {
      await act('respond', body)(c, api);
      // Half the letters (by reference, so no draw of chance changes the rest of the year) leave the print queue.
      if (Number(c.reference?.slice(-1)) % 2 === 0) await printLetters(c, api);
    };
    t.add(late ? t.after(1, 8, respondBy) : t.until(respondBy), respondAndPrint);
  };
  const close = (resolution = 'resolved', note?: string) => t.add(t.after(0, 3), act('close', { resolution, ...(note ? { note } : {}) }));
  const handle = (closeAs?: string, note?: string) => {
    ack();
    assign();
    respond();
    close(closeAs, note);
  };
  const merge = () => {
    const target = options.duplicateOf!;
    t.prev = Math.max(t.prev, target.registeredAt);
    t.add(t.after(0, 2), (c, api) => api.post(`/api/cases/${c.id}/merge`, { intoCaseId: target.id }, c.unitId));
  };

  switch (kind) {
    case 'standard':
      handle();
      break;
    case 'ack_late':
      ack(true);
      assign();
      respond(rng.chance(0.5));
      close();
      break;
    case 'respond_late': {
      ack();
      assign();
      const notice = { reason: rng.pick(DELAY_REASONS), newRespondBy: workingDays.addWorkingDays(respondBy, 10) };
      if (intake.needsResponse && rng.chance(0.6)) t.add(t.until(respondBy), act('delay-notice', notice));
      respond(true);
      close();
      break;
    }
    case 'paused':
    case 'still_paused': {
      ack();
      assign();
      const paused = t.after(0, 2);
      t.add(paused, act('await-complainant', { question: rng.pick(QUESTIONS) }));
      if (kind === 'still_paused') break;
      const resumed = t.after(2, 6);
      respondBy = workingDays.addWorkingDays(respondBy, workingDays.workingDaysBetween(paused, resumed));
      t.add(resumed, act('resume'));
      respond();
      close();
      break;
    }
    case 'transferred': {
      const to = options.transferTo!.id;
      t.add(t.after(0, 1), async (c, api) => {
        await api.post(`/api/cases/${c.id}/transfer`, { toUnitId: to, reason: TRANSFER_REASON }, 'intake');
        c.unitId = to;
      });
      handle();
      break;
    }
    case 'merged':
      merge();
      break;
    case 'unmerged':
      merge();
      t.add(t.after(1, 3), act('unmerge'));
      handle();
      break;
    case 'not_resolved':
      handle('closed_not_resolved', NOT_RESOLVED_NOTE);
      break;
    case 'withdrawn':
      ack();
      t.add(t.after(1, 5), act('close', { resolution: 'withdrawn', note: WITHDRAW_NOTE }));
      break;
    case 'reopened':
    case 'reopened_open':
      handle();
      t.add(t.after(3, 15), act('reopen', { reason: rng.pick(REOPEN_REASONS) }));
      if (kind === 'reopened') {
        assign();
        respond();
        close();
      }
      break;
    case 'stalled':
      if (rng.chance(0.7)) {
        ack();
        assign();
      }
      if (intake.needsResponse && rng.chance(0.5))
        t.add(t.after(1, 3, respondBy), act('delay-notice', { reason: rng.pick(DELAY_REASONS) }));
      break;
    case 'unacknowledged':
      break;
  }
  return { kind, steps: t.steps };
}

/** The unit prints the case's letters waiting in the print queue (and posts them). Intake reads: no disclosure logged. */
async function printLetters(c: CaseRef, api: SeedApi): Promise<void> {
  const { messages } = await api.get<{ messages: { messageId: string; channel: string; status: string }[] }>(
    `/api/cases/${c.id}`,
    'intake',
  );
  for (const m of messages.filter((x) => x.channel === 'letter' && x.status !== 'printed'))
    await api.post(`/api/cases/${c.id}/messages/${m.messageId}/printed`, {}, c.unitId);
}
