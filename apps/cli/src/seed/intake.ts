import { CASE_TEXTS, CaseType } from './case-texts';
import { addDays, isWorkingDay, localTime, MINUTE, officeTime, stockholmDate, workingDayFrom, workingDaysAfter } from './clock-time';
import { DemoUnit, UNITS } from './district';
import { DemoCommitment, DemoGuarantee } from './guarantees';
import { FIRST_NAMES, LAST_NAMES } from './phrases';
import { Rng } from './prng';
import { categoryOfTopic } from './categories';

export type Channel = 'web' | 'phone' | 'email' | 'letter' | 'visit' | 'meeting' | 'open311';

export interface Intake {
  receivedAt: number;
  registeredAt: number;
  unit: DemoUnit;
  type: CaseType;
  anonymous: boolean;
  needsResponse: boolean;
  commitment?: DemoCommitment;
  body: Record<string, unknown>;
}

export interface IntakeContext {
  firstDay: string;
  lastDay: string;
  end: number;
  guarantees: Map<string, DemoGuarantee>;
  /** Commitments can be named only once the board has adopted the guarantees. */
  inForceFrom: number;
  meetings: number[];
}

const TYPES: Record<CaseType, number> = { complaint: 45, opinion: 25, praise: 18, idea: 12 };
const CHANNELS: Record<Channel, number> = { web: 32, email: 22, phone: 20, letter: 8, visit: 10, meeting: 3, open311: 5 };
const ALWAYS_OPEN: Record<string, number> = { web: 55, email: 35, open311: 10 };
const UNIT_WEIGHTS = Object.fromEntries(UNITS.map((u) => [u.id, u.weight]));
const ANONYMOUS: Record<Channel, number> = { web: 0.25, open311: 0.4, email: 0.05, letter: 0.1, phone: 0.08, visit: 0.05, meeting: 0 };

function receiptDay(rng: Rng, ctx: IntakeContext): string {
  const span = Math.round((Date.parse(ctx.lastDay) - Date.parse(ctx.firstDay)) / 86_400_000);
  for (;;) {
    const day = addDays(ctx.firstDay, rng.int(0, span));
    const month = Number(day.slice(5, 7));
    const weight = (month === 7 ? 0.45 : 1) * (isWorkingDay(day) ? 1 : 0.35);
    if (rng.chance(weight)) return day;
  }
}

function registration(channel: Channel, receivedAt: number, rng: Rng): number {
  const day = stockholmDate(new Date(receivedAt));
  const officeHours = isWorkingDay(day) && receivedAt < localTime(day, 16, 16, rng);
  switch (channel) {
    case 'web':
    case 'open311':
      return receivedAt + rng.int(1, 10) * MINUTE;
    case 'phone':
    case 'visit':
      return receivedAt + rng.int(5, 40) * MINUTE;
    case 'email':
      return officeHours ? receivedAt + rng.int(15, 180) * MINUTE : officeTime(workingDaysAfter(receivedAt, 1), receivedAt, rng);
    case 'letter':
      return officeTime(rng.chance(0.3) ? day : workingDaysAfter(receivedAt, rng.int(1, 3)), receivedAt, rng);
    case 'meeting':
      return officeTime(workingDaysAfter(receivedAt, 1), receivedAt, rng);
  }
}

function submitter(channel: Channel, rng: Rng, unit: DemoUnit) {
  const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const ascii = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(' ', '.');
  const phone = `07${rng.int(0, 9)}-${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`;
  const address = `${rng.pick(unit.streets)} ${rng.int(1, 60)}, 129 ${rng.int(30, 49)} Hägersten`;
  // example.com (RFC 2606): demo addresses no mail server delivers to, should the demo's outbox ever get an SMTP_URL.
  if (channel === 'web' || channel === 'email' || channel === 'open311') return { name, email: `${ascii}@example.com` };
  if (channel === 'letter') return { name, address, ...(rng.chance(0.5) ? { phone } : {}) };
  return { name, phone };
}

export function drawIntake(rng: Rng, ctx: IntakeContext): Intake {
  const unitId = rng.weighted(UNIT_WEIGHTS);
  const unit = UNITS.find((u) => u.id === unitId)!;
  const type = rng.weighted(TYPES);
  let channel = rng.weighted(CHANNELS);
  let receivedAt: number;
  const meetings = ctx.meetings.filter((m) => m <= ctx.end);
  if (channel === 'meeting' && meetings.length) receivedAt = rng.pick(meetings);
  else {
    const day = receiptDay(rng, ctx);
    if (!isWorkingDay(day) || channel === 'meeting') channel = rng.weighted(ALWAYS_OPEN) as Channel;
    const [from, to] = channel === 'letter' ? [9, 11] : channel === 'phone' || channel === 'visit' ? [8, 16] : [6.5, 23];
    receivedAt = Math.min(localTime(day, from, to, rng), ctx.end - 20 * MINUTE);
  }
  const registeredAt = Math.max(receivedAt, Math.min(registration(channel, receivedAt, rng), ctx.end));
  const anonymous = rng.chance(ANONYMOUS[channel]);
  const guarantee = ctx.guarantees.get(unit.id);
  const commitment =
    type === 'complaint' && !anonymous && guarantee && receivedAt >= ctx.inForceFrom && rng.chance(0.09)
      ? rng.pick(guarantee.commitments)
      : undefined;
  const [topic, description] = commitment ? ['Kvalitetsgaranti', commitment.complaint] : rng.pick(CASE_TEXTS[unit.kind][type]);
  const category = categoryOfTopic(topic);
  const wantsReply = anonymous ? undefined : rng.chance(0.05) ? false : undefined;
  const location =
    channel === 'open311' || (unit.kind !== 'myndighet' && rng.chance(0.08))
      ? {
          address: `${rng.pick(unit.streets)} ${rng.int(1, 60)}`,
          ...(channel === 'open311' ? { lat: 59.28 + rng.int(0, 300) / 10_000, long: 17.95 + rng.int(0, 800) / 10_000 } : {}),
        }
      : undefined;
  const body = {
    type,
    channel,
    unitId: unit.id,
    receivedAt: new Date(receivedAt).toISOString(),
    category,
    description,
    ...(anonymous ? {} : { submitter: submitter(channel, rng, unit) }),
    ...(wantsReply === false ? { wantsReply } : {}),
    ...(location ? { location } : {}),
    ...(commitment ? { guaranteeId: guarantee!.id, commitmentId: commitment.id } : {}),
    ...(rng.chance(unit.confidential) ? { confidential: true } : {}),
  };
  const needsResponse = (type === 'complaint' || type === 'opinion') && !anonymous && wantsReply !== false;
  return { receivedAt, registeredAt, unit, type, anonymous, needsResponse, commitment, body };
}

/** The board's public question time: the third Thursday of the month at half past six in the evening. */
export function boardMeetings(year: number, months: number[]): number[] {
  const rng = new Rng(year);
  return months.map((m) => {
    let day = `${year}-${String(m).padStart(2, '0')}-15`;
    while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 4) day = addDays(day, 1);
    return localTime(workingDayFrom(day), 18.5, 18.5, rng);
  });
}
