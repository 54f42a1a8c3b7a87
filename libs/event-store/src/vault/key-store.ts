export const DATA_KEY_BYTES = 32;

export interface ShredReceipt {
  subject: string;
  /** When the key was first shredded; shredding again keeps this instant. */
  shreddedAt: string;
}

/** What the key store holds for a subject: its data key, or the instant that key was shredded (its tombstone). */
export type SubjectKey = { key: Buffer; shreddedAt?: undefined } | { key?: undefined; shreddedAt: string };

/** Encrypting for a subject whose key was shredded: its personal data may never be written again. */
export class SubjectErasedError extends Error {
  constructor(
    readonly subject: string,
    readonly shreddedAt: string,
  ) {
    super(`the personal data of ${subject} was erased at ${shreddedAt}; nothing new may be encrypted for it`);
    this.name = 'SubjectErasedError';
  }
}

/**
 * The port for per-subject AES-256 data keys, kept apart from the event log in a store that really deletes: SQLite on
 * one host, PostgreSQL where API instances run on several. Asynchronous, so a networked adapter fits; callers fetch
 * the keys of many subjects in one call (a read's subjects, an append's) rather than one call per sealed value.
 */
export abstract class KeyStore {
  /** What the store holds for each subject, in one look-up; a subject with neither a key nor a tombstone is left out. */
  abstract lookup(subjects: Iterable<string>): Promise<Map<string, SubjectKey>>;

  /**
   * Every subject's key, the ones it holds and the ones it creates where missing, in one call (a seal needs no look-up
   * first): one key per subject however many processes ask at once. A shredded subject answers with its tombstone and
   * never gets a key again.
   */
  abstract ensure(subjects: Iterable<string>): Promise<Map<string, SubjectKey>>;

  /** Deletes the subject's key for good and leaves a tombstone; idempotent (the first instant stays). */
  abstract shred(subject: string): Promise<ShredReceipt>;

  /** Whether the store answers now (readiness): without keys nothing personal can be written or read. */
  abstract ping(): Promise<boolean>;

  abstract close(): Promise<void>;
}

/** Only a non-empty string names a subject that can have a key. */
export const isSubject = (subject: unknown): subject is string => typeof subject === 'string' && subject.trim() !== '';

/** The distinct subjects, each checked: a key needs a non-empty subject. */
export function subjectList(subjects: Iterable<string>): string[] {
  const list = [...new Set(subjects)];
  for (const subject of list) if (!isSubject(subject)) throw new TypeError('a data key needs a non-empty subject');
  return list;
}
