import { Clock, RecordedEvent } from '@app/core';
import { EventStore } from '@app/event-store';
import { caseStream } from '../case.events';

/**
 * A reference taken by a registration that never appended its case (its process died in between): recorded, so the
 * year's series has no gap nobody can explain. On a stream of its own per year; the reference stream stays as it was.
 */
export type ReferenceVoided = {
  type: 'ReferenceVoided.v1';
  data: { year: number; number: number; reference: string; caseId: string; reason: string; foundAt: string };
};

export const REFERENCE_VOID_CATEGORY = 'referencevoid';
export const referenceVoidStream = (year: number) => `${REFERENCE_VOID_CATEGORY}-${year}`;
export const VOID_REASON = 'registration did not complete';

type Assigned = { year: number; number: number; reference: string; caseId: string };
interface Taken extends Assigned {
  recordedAt: string;
}

const PAGE = 5000;
const TYPES = ['ReferenceAssigned.v1', 'CaseRegistered.v1', 'ReferenceVoided.v1'];

/**
 * Finds references taken without a case for longer than `voidAfterMs` and records each as void. It follows the log
 * from where its last run stopped (the first run reads every reference and registration once), so a periodic run
 * reads only what is new. `voidAfterMs` is long enough that a registration still running elsewhere is never voided.
 */
export class ReferenceVoider {
  private readonly open = new Map<string, Taken>();
  private after?: bigint;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly voidAfterMs: number,
  ) {}

  async run(): Promise<ReferenceVoided['data'][]> {
    await this.follow();
    const now = this.clock.now();
    const voided: ReferenceVoided['data'][] = [];
    for (const taken of [...this.open.values()]) {
      if (now.getTime() - Date.parse(taken.recordedAt) < this.voidAfterMs) continue;
      // The last look before voiding: a case appended since the scan keeps its number.
      if ((await this.store.readStream(caseStream(taken.caseId), { maxCount: 1 })).length) {
        this.open.delete(taken.reference);
        continue;
      }
      const data = {
        year: taken.year,
        number: taken.number,
        reference: taken.reference,
        caseId: taken.caseId,
        reason: VOID_REASON,
        foundAt: now.toISOString(),
      };
      const event: ReferenceVoided = { type: 'ReferenceVoided.v1', data };
      await this.store.append(referenceVoidStream(taken.year), [
        { ...event, metadata: { actor: { sub: 'system:reference-voids', name: 'Makulerade diarienummer' } } },
      ]);
      this.open.delete(taken.reference);
      voided.push(data);
    }
    return voided;
  }

  private async follow(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.after, limit: PAGE, types: TYPES, sealed: true, lean: true });
      for (const e of page) this.apply(e);
      if (page.length) this.after = page[page.length - 1].position;
      if (page.length < PAGE) return;
    }
  }

  private apply(e: RecordedEvent): void {
    const data = e.data as Assigned;
    if (e.type === 'ReferenceAssigned.v1') this.open.set(data.reference, { ...data, recordedAt: e.metadata.recordedAt });
    else this.open.delete(data.reference); // registered, or voided by an earlier run
  }
}

/** Is this reference recorded as void? Read only by a registration that took longer than a void can take to appear. */
export async function isVoided(store: EventStore, year: number, reference: string): Promise<boolean> {
  const voids = await store.readStream(referenceVoidStream(year));
  return voids.some((e) => (e.data as ReferenceVoided['data']).reference === reference);
}
