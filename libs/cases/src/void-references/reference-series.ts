import { EventStore } from '@app/event-store';
import { referenceStream } from '../register-case/reference-allocator';
import { referenceVoidStream, ReferenceVoided } from './reference-voids';

export interface SeriesEntry {
  number: number;
  reference: string;
  /** A case has it; or it is recorded as void; or it was taken and is neither: `pending` while its registration may still run. */
  status: 'case' | 'void' | 'pending' | 'unexplained';
  caseId: string;
  takenAt: string;
  void?: { reason: string; foundAt: string };
}

/**
 * The year's series for the registrar (diariet): every number taken, in order, with what became of it. A number
 * without a case is `pending` until it is older than `voidAfterMs`, then `unexplained` until the void is recorded.
 */
export async function referenceSeries(store: EventStore, year: number, now: Date, voidAfterMs: number, registered?: Set<string>) {
  registered ??= await registeredReferences(store);
  const taken = await store.readStream(referenceStream(year));
  const voids = new Map(
    (await store.readStream(referenceVoidStream(year))).map((e) => {
      const d = e.data as ReferenceVoided['data'];
      return [d.reference, { reason: d.reason, foundAt: d.foundAt }] as const;
    }),
  );
  const entries: SeriesEntry[] = taken.map((e) => {
    const d = e.data as { number: number; reference: string; caseId: string };
    const base = { number: d.number, reference: d.reference, caseId: d.caseId, takenAt: e.metadata.recordedAt };
    if (registered!.has(d.reference)) return { ...base, status: 'case' };
    const voided = voids.get(d.reference);
    if (voided) return { ...base, status: 'void', void: voided };
    const young = now.getTime() - Date.parse(base.takenAt) < voidAfterMs;
    return { ...base, status: young ? 'pending' : 'unexplained' };
  });
  const count = (status: SeriesEntry['status']) => entries.filter((e) => e.status === status).length;
  return {
    year,
    taken: entries.length,
    cases: count('case'),
    voids: count('void'),
    pending: count('pending'),
    unexplained: count('unexplained'),
    numbers: entries,
  };
}

/** Every reference a case was registered under, read sealed from the log. */
async function registeredReferences(store: EventStore): Promise<Set<string>> {
  const registered = await store.readAll({ types: ['CaseRegistered.v1'], sealed: true, lean: true });
  return new Set(registered.map((e) => (e.data as { reference: string }).reference));
}

/**
 * For verify: each year's recorded voids and the numbers nothing explains (taken longer ago than a void takes, with
 * neither a case nor a void). Listed, not failed: a registration may have died minutes before the check.
 */
export async function referenceGaps(store: EventStore, now: Date, voidAfterMs: number) {
  const years = new Set(
    (await store.readAll({ types: ['ReferenceAssigned.v1'], sealed: true, lean: true })).map((e) => (e.data as { year: number }).year),
  );
  const registered = await registeredReferences(store);
  const out = [];
  for (const year of [...years].sort()) {
    const series = await referenceSeries(store, year, now, voidAfterMs, registered);
    out.push({
      year,
      taken: series.taken,
      voids: series.numbers.filter((n) => n.status === 'void').map((n) => ({ reference: n.reference, ...n.void! })),
      unexplained: series.numbers.filter((n) => n.status === 'unexplained').map((n) => n.reference),
    });
  }
  return out;
}
