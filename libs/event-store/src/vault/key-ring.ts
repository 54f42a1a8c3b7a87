import { checkEnvelope, EncryptedEnvelope, erased, MissingDataKeyError, openValue, SealPlace, sealValue } from './envelope';
import { SubjectErasedError, SubjectKey } from './key-store';

/**
 * The keys of the subjects one read or one append is about, fetched together before it starts, so that each value is
 * then sealed or opened synchronously. Good for that one read or append only: the next one fetches again, so a shred
 * made anywhere is seen at once.
 */
export class KeyRing {
  constructor(
    private readonly held: ReadonlyMap<string, SubjectKey>,
    private readonly asked: ReadonlySet<string>,
  ) {}

  static readonly empty = new KeyRing(new Map(), new Set());

  /** When the subject's key was shredded, or undefined while it has one (or never had). */
  shreddedAt(subject: string): string | undefined {
    return this.entry(subject)?.shreddedAt;
  }

  isErased(subject: string): boolean {
    return this.shreddedAt(subject) !== undefined;
  }

  /** Throws SubjectErasedError for a shredded subject: never a plaintext fallback. */
  encrypt(subject: string, value: unknown, place: SealPlace): EncryptedEnvelope {
    const entry = this.entry(subject);
    if (entry?.shreddedAt) throw new SubjectErasedError(subject, entry.shreddedAt);
    if (!entry?.key) throw new Error(`no data key was made for ${subject} before sealing`);
    return sealValue(entry.key, subject, value, place);
  }

  /**
   * The value, or `{ erased: true }` when the subject's key was shredded. Throws on tampering, on a value read
   * anywhere but where it was sealed, or on a lost key store.
   */
  decrypt(envelope: EncryptedEnvelope, place: SealPlace | undefined): unknown {
    checkEnvelope(envelope, place);
    const entry = this.entry(envelope.kid);
    if (entry?.shreddedAt) return erased();
    if (!entry?.key) throw new MissingDataKeyError(envelope.kid);
    return openValue(entry.key, envelope, place);
  }

  private entry(subject: string): SubjectKey | undefined {
    if (!this.asked.has(subject)) throw new Error(`the keys of ${subject} were not fetched for this read`);
    return this.held.get(subject);
  }
}
