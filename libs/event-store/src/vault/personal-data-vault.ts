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

  /** The keys an append seals with, each made where missing; rejects with SubjectErasedError for a shredded subject. */
  async forSealing(subjects: Iterable<string>): Promise<KeyRing> {
    const wanted = subjectList(subjects);
    if (!wanted.length) return KeyRing.empty;
    const held = await this.keys.lookup(wanted);
    const missing = wanted.filter((s) => !held.has(s));
    if (missing.length) {
      const made = await Promise.all(missing.map((s) => this.create(s)));
      missing.forEach((s, i) => made[i] && held.set(s, made[i]));
    }
    for (const subject of wanted) {
      const shreddedAt = held.get(subject)?.shreddedAt;
      if (shreddedAt) throw new SubjectErasedError(subject, shreddedAt);
    }
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
   * Keys missing in the same turn of the event loop are made in one call (one durable commit, or one query), so
   * intake under load is not one fsync or one round trip per case.
   */
  private create(subject: string): Promise<SubjectKey | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.set(subject, [...(this.pending.get(subject) ?? []), { resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.createPending());
      }
    });
  }

  private async createPending(): Promise<void> {
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
