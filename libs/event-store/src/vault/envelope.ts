import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

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
    super(
      `no data key for ${kid} and no record of its erasure: is the key store (keys.sqlite, or KEY_STORE_URL) the one that belongs to this event log?`,
    );
    this.name = 'MissingDataKeyError';
  }
}

/**
 * AES-256-GCM with a fresh random 96-bit IV for every value. The version, the kid and the value's place are bound as
 * additional authenticated data, so an envelope can be neither relabelled to another subject nor moved to another
 * field, event or stream.
 */
export function sealValue(key: Buffer, kid: string, value: unknown, place: SealPlace): EncryptedEnvelope {
  if (value === undefined) throw new TypeError('undefined cannot be encrypted; leave the field out instead');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(ENVELOPE_VERSION, kid, place));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $enc: ENVELOPE_VERSION, kid, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Checks what can be checked before a key is needed: the version, the kid, and a place where v2 requires one. */
export function checkEnvelope(envelope: EncryptedEnvelope, place: SealPlace | undefined): void {
  if (envelope.$enc !== ENVELOPE_VERSION && envelope.$enc !== ENVELOPE_V1)
    throw new VaultDecryptionError(String(envelope.kid), `unknown envelope version ${String(envelope.$enc)}`);
  if (typeof envelope.kid !== 'string') throw new VaultDecryptionError('?', 'the envelope names no key');
  if (envelope.$enc === ENVELOPE_VERSION && !place) throw new VaultDecryptionError(envelope.kid, 'the envelope is read without its place');
}

/** The value sealed in a checked envelope; throws on tampering or on a value read anywhere but where it was sealed. */
export function openValue(key: Buffer, envelope: EncryptedEnvelope, place: SealPlace | undefined): unknown {
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

function aad(version: EncryptedEnvelope['$enc'], kid: string, place: SealPlace | undefined): Buffer {
  if (version === ENVELOPE_V1) return Buffer.from(`${version}\n${kid}`, 'utf8');
  return Buffer.from(JSON.stringify([version, kid, place!.streamId, place!.eventId, place!.path]), 'utf8');
}
