import { RecordedEvent } from '@app/core';
import {
  EncryptedEnvelope,
  EncryptingEventStore,
  erased,
  EventStore,
  isEncryptedEnvelope,
  PersonalDataPolicy,
  SealPlace,
  sealFields,
  VaultDecryptionError,
} from '@app/event-store';

/**
 * A personal-data field of an event as a replay thread folds it: the thread opens no key store, so each field the policy
 * covers is carried through the fold as this, with what the request thread needs to open it afterwards (its subject,
 * and the envelope with the place it was sealed at, or a value written in the clear before the policy sealed it).
 */
export interface HeldValue {
  $held: { subject: string; place: SealPlace };
  envelope?: EncryptedEnvelope;
  plain?: unknown;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null;
const isHeld = (v: unknown): v is HeldValue => isRecord(v) && !Array.isArray(v) && isRecord(v.$held);

/**
 * The event with each of its policy's fields replaced by a HeldValue (a copy; events outside the policy as they are),
 * walked as the encrypting store seals them (sealFields).
 */
export function holdPersonalData(policy: PersonalDataPolicy, event: RecordedEvent): RecordedEvent {
  const rule = policy.ruleFor(event.type);
  const subject = policy.subjectOf(event);
  if (!rule || subject === undefined || !isRecord(event.data)) return event;
  const data = sealFields(event.data, rule.fields, (value, path): HeldValue => {
    const $held = { subject, place: { streamId: event.streamId, eventId: event.id, path } };
    return isEncryptedEnvelope(value) ? { $held, envelope: value } : { $held, plain: value };
  });
  return { ...event, data };
}

/**
 * `folded` with every HeldValue opened as the encrypting store opens an event on a read: the value, or `{ erased: true }`
 * once its subject's key is shredded (a value written in the clear included). One key look-up for all of them.
 */
export async function openHeld<T>(store: EventStore, folded: T): Promise<T> {
  const held: HeldValue[] = [];
  collect(folded, held);
  if (!held.length) return folded;
  const vault = store instanceof EncryptingEventStore ? store.vault : undefined;
  const keys = vault ? await vault.forReading(new Set(held.map((h) => h.$held.subject))) : undefined;
  return replace(folded, (h) => {
    const { subject, place } = h.$held;
    if (!h.envelope) return keys?.isErased(subject) ? erased() : h.plain;
    // Only the vault writes envelopes, each with its event's subject's key: one sealed for anyone else is refused.
    if (h.envelope.kid !== subject) throw new VaultDecryptionError(h.envelope.kid, `${place.streamId} is sealed for ${subject}`);
    if (!keys) throw new VaultDecryptionError(subject, 'this store holds no key store');
    return keys.decrypt(h.envelope, place);
  }) as T;
}

function collect(value: unknown, into: HeldValue[]): void {
  if (!isRecord(value)) return;
  if (isHeld(value)) return void into.push(value);
  for (const v of Array.isArray(value) ? value : Object.values(value)) collect(v, into);
}

function replace(value: unknown, open: (h: HeldValue) => unknown): unknown {
  if (!isRecord(value) || value instanceof Date) return value;
  if (isHeld(value)) return open(value);
  if (Array.isArray(value)) return value.map((v) => replace(v, open));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, open)]));
}
