import { AppendMetadata, WrongExpectedRevisionError } from '@app/core';
import { EventStore } from '@app/event-store';

export const referenceStream = (year: number) => `reference-${year}`;
export const formatReference = (year: number, n: number) => `${year}-${String(n).padStart(6, '0')}`;

interface Waiting {
  caseId: string;
  /** The requesting user's actor and correlation id: each event of a grouped append keeps its own. */
  metadata?: AppendMetadata;
  resolve(reference: string): void;
  reject(err: unknown): void;
}

/**
 * Case references YYYY-NNNNNN: one stream per year where the Nth ReferenceAssigned event (revision N-1) is number N.
 * The store's expected-revision check makes numbers unique and gap-free across processes; within a process,
 * requests arriving together are assigned in one append.
 */
export class ReferenceAllocator {
  private readonly queues = new Map<number, Waiting[]>();
  private readonly busy = new Set<number>();

  constructor(
    private readonly store: EventStore,
    private readonly maxAttempts = 50,
  ) {}

  allocate(year: number, caseId: string, metadata?: AppendMetadata): Promise<string> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(year) ?? [];
      queue.push({ caseId, metadata, resolve, reject });
      this.queues.set(year, queue);
      if (!this.busy.has(year)) void this.drain(year);
    });
  }

  private async drain(year: number): Promise<void> {
    this.busy.add(year);
    try {
      for (;;) {
        const batch = this.queues.get(year)?.splice(0) ?? [];
        if (!batch.length) return;
        try {
          const refs = await this.assign(year, batch);
          batch.forEach((w, i) => w.resolve(refs[i]));
        } catch (err) {
          batch.forEach((w) => w.reject(err));
        }
      }
    } finally {
      this.busy.delete(year);
    }
  }

  private async assign(year: number, batch: Waiting[]): Promise<string[]> {
    const stream = referenceStream(year);
    for (let attempt = 1; ; attempt++) {
      const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      const next = last ? Number(last.revision) + 2 : 1;
      const events = batch.map(({ caseId, metadata }, i) => ({
        type: 'ReferenceAssigned.v1',
        data: { year, number: next + i, reference: formatReference(year, next + i), caseId },
        metadata,
      }));
      try {
        await this.store.append(stream, events, { expectedRevision: last ? last.revision : 'no_stream' });
        return events.map((e) => e.data.reference);
      } catch (err) {
        if (!(err instanceof WrongExpectedRevisionError) || attempt >= this.maxAttempts) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt)); // another process won: back off and retry
      }
    }
  }
}
