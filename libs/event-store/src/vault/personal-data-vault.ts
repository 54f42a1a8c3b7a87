import { KeyRing } from './key-ring';
import { KeyStore, ShredReceipt, SubjectErasedError, SubjectKey, subjectList } from './key-store';

export * from './envelope';
export { KeyRing } from './key-ring';

interface Waiter {
  resolve: (entry: SubjectKey | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * Per-subject keys for sealing and opening personal data. Every read and every append fetches the keys of its
 * subjects in one call to the key store (KeyRing), then seals or opens its values synchronously.
 */
export class PersonalDataVault {
  private pending = new Map<string, Waiter[]>();
  private scheduled = false;

  constructor(readonly keys: KeyStore) {}

  /**
   * The keys an append seals with, each made where missing, in one call to the key store (ensure answers the keys it
   * holds as well as the ones it makes: no look-up first); rejects with SubjectErasedError for a shredded subject.
   */
  async forSealing(subjects: Iterable<string>): Promise<KeyRing> {
    const wanted = subjectList(subjects);
    if (!wanted.length) return KeyRing.empty;
    const entries = await Promise.all(wanted.map((s) => this.ensure(s)));
    const held = new Map<string, SubjectKey>();
    wanted.forEach((subject, i) => {
      const entry = entries[i];
      if (entry?.shreddedAt) throw new SubjectErasedError(subject, entry.shreddedAt);
      if (entry) held.set(subject, entry);
    });
    return new KeyRing(held, new Set(wanted));
  }

  /** The keys (or tombstones) a read opens with, in one look-up. */
  async forReading(subjects: Iterable<string>): Promise<KeyRing> {
    const wanted = subjectList(subjects);
    if (!wanted.length) return KeyRing.empty;
    return new KeyRing(await this.keys.lookup(wanted), new Set(wanted));
  }

  async isErased(subject: string): Promise<boolean> {
    return (await this.forReading([subject])).isErased(subject);
  }

  shred(subject: string): Promise<ShredReceipt> {
    return this.keys.shred(subject);
  }

  close(): Promise<void> {
    return this.keys.close();
  }

  /**
   * Keys asked for in the same turn of the event loop are fetched or made in one call (one durable commit, or one
   * query), so intake under load is not one fsync or one round trip per case.
   */
  private ensure(subject: string): Promise<SubjectKey | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.set(subject, [...(this.pending.get(subject) ?? []), { resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.ensurePending());
      }
    });
  }

  private async ensurePending(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const made = await this.keys.ensure(batch.keys());
      for (const [subject, waiters] of batch) waiters.forEach((w) => w.resolve(made.get(subject)));
    } catch (err) {
      for (const waiters of batch.values()) waiters.forEach((w) => w.reject(err));
    }
  }
}
