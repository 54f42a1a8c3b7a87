import { CaseCommand, caseEventsFor, CaseState } from '@app/cases';
import { DomainEvent, NewEvent } from '@app/core';
import { breachHistory, guaranteeHistory } from '@app/guarantees';
import { unitEventsFor } from '@app/units';

/** A deterministic PRNG (mulberry32) so every bench run writes the same district. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface StreamBatch {
  streamId: string;
  events: NewEvent[];
}

const DEPARTMENTS = ['Förskola', 'Social omsorg', 'Äldreomsorg'];
const TYPES = ['complaint', 'opinion', 'praise', 'idea'] as const;
const CHANNELS = ['web', 'phone', 'email', 'letter', 'visit', 'meeting', 'open311'] as const;
const rules = { acknowledgeWorkingDays: 2, respondWorkingDays: 10 };
const DAY = 86_400_000;

/**
 * A district's year written through the real deciders (so every event has the shape the projections expect):
 * units, adopted guarantees, and cases with a spread of lifecycles, until about `targetEvents` events.
 */
export function* district(year: number, targetEvents: number, seed = 1): Generator<StreamBatch> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const units = Array.from({ length: 15 }, (_, i) => ({ id: `enhet-${i + 1}`, department: DEPARTMENTS[i % 3] }));
  const start = Date.UTC(year, 0, 2, 8);
  let written = 0;
  const emit = (streamId: string, events: DomainEvent[]): StreamBatch => {
    written += events.length;
    return { streamId, events: events.map((e) => ({ type: e.type, data: e.data, metadata: { actor: { sub: 'bench' } } })) };
  };
  for (const u of units) {
    yield emit(
      `unit-${u.id}`,
      unitEventsFor([
        () => ({
          type: 'RegisterUnit',
          unitId: u.id,
          name: `Enhet ${u.id}`,
          department: u.department,
          district: 'Bänkstaden',
          now: new Date(start),
        }),
      ]),
    );
    const now = new Date(start + DAY);
    const guarantee = guaranteeHistory([
      () => ({
        type: 'DraftGuarantee',
        unitId: u.id,
        year,
        unitOpen: true,
        now,
        content: {
          title: 'Garanti',
          commitments: [{ text: 'Svar inom tio dagar' }, { text: 'Kontaktman' }, { text: 'Trygghet' }],
          remedy: 'Vi ringer upp',
          contact: { name: 'Chef' },
        },
      }),
      (g) => ({ type: 'AdoptGuarantee', guaranteeId: g.guaranteeId!, decidedOn: `${year}-01-02`, decisionRef: '§ 1', now }),
    ]);
    yield emit(`guarantee-${guarantee.state.guaranteeId}`, guarantee.events);
    for (let b = 0; b < 8; b++) {
      const occurredAt = new Date(start + (10 + b * 40) * DAY);
      const breachId = `${u.id}-b${b}`;
      const later = new Date(occurredAt.getTime() + DAY);
      const breach = breachHistory([
        () => ({
          type: 'ReportBreach',
          breachId,
          guarantee: guarantee.state,
          commitmentId: pick(['c1', 'c2', 'c3']),
          occurredAt,
          description: 'Brott',
          now: occurredAt,
        }),
        () =>
          rnd() < 0.7 ? { type: 'ConfirmBreach', breachId, now: later } : { type: 'RejectBreach', breachId, reason: 'Nej', now: later },
        (s) =>
          s.status === 'confirmed'
            ? {
                type: 'PlanRemedy',
                breachId,
                remedyId: 'r1',
                action: 'Ring',
                responsible: 'Chef',
                dueOn: new Date(later.getTime() + 10 * DAY).toISOString().slice(0, 10),
                now: later,
              }
            : undefined,
        (s) =>
          s.status === 'confirmed' && rnd() < 0.8
            ? {
                type: 'CompleteRemedy',
                breachId,
                remedyId: 'r1',
                outcome: 'Klart',
                complainantInformed: true,
                now: new Date(later.getTime() + rnd() * 20 * DAY),
              }
            : undefined,
      ]);
      yield emit(`breach-${breachId}`, breach.events);
    }
  }
  for (let n = 1; written < targetEvents; n++) {
    const received = new Date(start + rnd() * 350 * DAY);
    const t = (days: number) => new Date(received.getTime() + days * DAY + 3_600_000);
    const caseId = `bench-${n}`;
    const type = pick(TYPES);
    const anonymous = rnd() < 0.2;
    const commands: ((s: CaseState) => CaseCommand | undefined)[] = [
      () => ({
        type: 'RegisterCase',
        caseId,
        reference: `${year}-${String(n).padStart(6, '0')}`,
        caseType: type,
        channel: pick(CHANNELS),
        unitId: pick(units).id,
        category: pick(['Mat', 'Bemötande', 'Lokaler', 'Information']),
        description: 'Synpunkt',
        submitter: anonymous ? undefined : { name: 'Anna', email: 'anna@example.se' },
        receivedAt: received,
        rules,
        now: received,
      }),
      () => ({ type: 'AcknowledgeCase', now: t(rnd() * 4) }),
      (s) => (rnd() < 0.3 ? { type: 'AwaitComplainant', question: 'Fråga?', now: t(4) } : s.needsResponse ? undefined : undefined),
      (s) => (s.status === 'awaiting_complainant' ? { type: 'ResumeCase', now: t(6) } : undefined),
      (s) =>
        rnd() < 0.9
          ? {
              type: 'RespondCase',
              message: 'Svar',
              outcome:
                s.type === 'complaint' ? pick(['justified', 'partly_justified', 'unjustified', 'not_assessable'] as const) : undefined,
              now: t(6 + rnd() * 14),
            }
          : undefined,
      (s) =>
        s.respondedAt || !s.needsResponse
          ? { type: 'CloseCase', resolution: pick(['resolved', 'closed_not_resolved'] as const), now: t(22) }
          : undefined,
    ];
    yield emit(`case-${caseId}`, caseEventsFor(commands));
  }
}
