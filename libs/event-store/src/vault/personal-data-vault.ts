import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyStore, ShredReceipt } from './key-store';

/** v2 binds a value to its place (stream, event, field); v1 envelopes, bound to their key id only, still open. */
export const ENVELOPE_VERSION = 'aes-256-gcm/v2';
export const ENVELOPE_V1 = 'aes-256-gcm/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What an encrypted value looks like in a stored event; base64 fields. `kid` names the subject whose key sealed it. */
export interface EncryptedEnvelope {
  $enc: typeof ENVELOPE_VERSION | typeof ENVELOPE_V1;
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

/**
 * Where a sealed value belongs: its stream, its event and the dot path of its field in the event's data. Bound as
 * associated data, so a value moved into another field, event or case no longer opens.
 */
export interface SealPlace {
  streamId: string;
  eventId: string;
  path: string;
}

/** What an erased value reads as, now and in every replay. */
export interface ErasedValue {
  erased: true;
}

export const erased = (): ErasedValue => ({ erased: true });

export function isEncryptedEnvelope(value: unknown): value is EncryptedEnvelope {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$enc' in value;
}

export function isErased(value: unknown): value is ErasedValue {
  return typeof value === 'object' && value !== null && (value as ErasedValue).erased === true && Object.keys(value).length === 1;
}

/** The ciphertext does not open with its key: it was altered, or the envelope is malformed. Never read as erased. */
export class VaultDecryptionError extends Error {
  constructor(
    readonly kid: string,
    reason: string,
  ) {
    super(`personal data sealed for ${kid} cannot be decrypted: ${reason}`);
    this.name = 'VaultDecryptionError';
  }
}

/** No key and no tombstone: the key store is missing or is not this log's. Reading that as "erased" would hide data loss. */
export class MissingDataKeyError extends Error {
  constructor(readonly kid: string) {
    super(`no data key for ${kid} and no record of its erasure: is the key store (keys.sqlite) the one that belongs to this event log?`);
    this.name = 'MissingDataKeyError';
  }
}

/**
 * AES-256-GCM with a per-subject key and a fresh random 96-bit IV for every value. The version, the kid and the
 * value's place are bound as additional authenticated data, so an envelope can be neither relabelled to another
 * subject nor moved to another field, event or stream.
 */
export class PersonalDataVault {
  private pending = new Map<string, { resolve: () => void; reject: (err: unknown) => void }[]>();
  private scheduled = false;

  constructor(readonly keys: KeyStore) {}

  /**
   * Makes sure the subjects have keys before their data is sealed. Requests arriving in the same turn of the event
   * loop share one durable key-store commit (group commit for keys), so intake under load is not one fsync per case.
   */
  ensureKeys(subjects: string[]): Promise<void> {
    const missing = [...new Set(subjects)].filter((s) => !this.keys.get(s));
    if (!missing.length) return Promise.resolve();
    return Promise.all(
      missing.map(
        (subject) =>
          new Promise<void>((resolve, reject) => {
            this.pending.set(subject, [...(this.pending.get(subject) ?? []), { resolve, reject }]);
            if (!this.scheduled) {
              this.scheduled = true;
              setImmediate(() => this.createPending());
            }
          }),
      ),
    ).then(() => undefined);
  }

  private createPending(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const erased = this.keys.createMissing(batch.keys());
      for (const [subject, waiters] of batch) {
        const err = erased.get(subject);
        waiters.forEach((w) => (err ? w.reject(err) : w.resolve()));
      }
    } catch (err) {
      for (const waiters of batch.values()) waiters.forEach((w) => w.reject(err));
    }
  }

  encrypt(subject: string, value: unknown, place: SealPlace): EncryptedEnvelope {
    if (value === undefined) throw new TypeError('undefined cannot be encrypted; leave the field out instead');
    const key = this.keys.getOrCreate(subject); // throws SubjectErasedError: never a plaintext fallback
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(ENVELOPE_VERSION, subject, place));
    const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return {
      $enc: ENVELOPE_VERSION,
      kid: subject,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  /**
   * The value, or `{ erased: true }` when the subject's key was shredded. Throws on tampering, on a value read
   * anywhere but where it was sealed, or on a lost key store.
   */
  decrypt(
    envelope: EncryptedEnvelope,
    place: SealPlace | undefined,
    keyOf: (kid: string) => Buffer | undefined = (kid) => this.keys.get(kid),
  ): unknown {
    if (envelope.$enc !== ENVELOPE_VERSION && envelope.$enc !== ENVELOPE_V1)
      throw new VaultDecryptionError(String(envelope.kid), `unknown envelope version ${String(envelope.$enc)}`);
    if (typeof envelope.kid !== 'string') throw new VaultDecryptionError('?', 'the envelope names no key');
    if (envelope.$enc === ENVELOPE_VERSION && !place)
      throw new VaultDecryptionError(envelope.kid, 'the envelope is read without its place');
    const key = keyOf(envelope.kid);
    if (!key) {
      if (this.keys.shreddedAt(envelope.kid)) return erased();
      throw new MissingDataKeyError(envelope.kid);
    }
    const iv = Buffer.from(String(envelope.iv), 'base64');
    const tag = Buffer.from(String(envelope.tag), 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new VaultDecryptionError(envelope.kid, 'malformed IV or tag');
    let text: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(envelope.$enc, envelope.kid, place));
      decipher.setAuthTag(tag);
      text = Buffer.concat([decipher.update(Buffer.from(String(envelope.ct), 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new VaultDecryptionError(
        envelope.kid,
        'the authentication tag does not match (the ciphertext, IV, tag or kid was altered, or the value was moved from its place)',
      );
    }
    return JSON.parse(text);
  }

  /** A decrypt bound to a key cache for one read; a later read looks the keys up again, so a shred is seen at once. */
  reader(): (envelope: EncryptedEnvelope, place: SealPlace) => unknown {
    const cache = new Map<string, Buffer | undefined>();
    const keyOf = (kid: string) => {
      if (!cache.has(kid)) cache.set(kid, this.keys.get(kid));
      return cache.get(kid);
    };
    return (envelope, place) => this.decrypt(envelope, place, keyOf);
  }

  isErased(subject: string): boolean {
    return this.keys.shreddedAt(subject) !== undefined;
  }

  shred(subject: string): ShredReceipt {
    return this.keys.shred(subject);
  }

  close(): void {
    this.keys.close();
  }
}

function aad(version: EncryptedEnvelope['$enc'], kid: string, place: SealPlace | undefined): Buffer {
  if (version === ENVELOPE_V1) return Buffer.from(`${version}\n${kid}`, 'utf8');
  return Buffer.from(JSON.stringify([version, kid, place!.streamId, place!.eventId, place!.path]), 'utf8');
}
