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

  /**
   * Each year's stream revision after this allocator's last append: the next batch appends on it without reading
   * the stream first. Another process's appends make that append conflict; the retry reads the stream again.
   */
  private readonly lastRevision = new Map<number, bigint>();

  private async assign(year: number, batch: Waiting[]): Promise<string[]> {
    const stream = referenceStream(year);
    for (let attempt = 1; ; attempt++) {
      let last = this.lastRevision.get(year);
      if (last === undefined) {
        const [event] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        last = event ? event.revision : -1n;
      }
      const next = Number(last) + 2;
      const events = batch.map(({ caseId, metadata }, i) => ({
        type: 'ReferenceAssigned.v1',
        data: { year, number: next + i, reference: formatReference(year, next + i), caseId },
        metadata,
      }));
      try {
        const result = await this.store.append(stream, events, { expectedRevision: last < 0n ? 'no_stream' : last });
        this.lastRevision.set(year, result.nextExpectedRevision);
        return events.map((e) => e.data.reference);
      } catch (err) {
        this.lastRevision.delete(year);
        if (!(err instanceof WrongExpectedRevisionError) || attempt >= this.maxAttempts) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt)); // another process won: back off and retry
      }
    }
  }
}
