import { RecordedEvent } from '@app/core';
import { EventStore, openStoredFields, PersonalDataPolicy, sealFields, StoredField } from '@app/event-store';

/**
 * A personal-data field of an event as a replay thread folds it: the thread opens no key store, so each field the policy
 * covers is carried through the fold as this, with what the request thread needs to open it afterwards (its subject,
 * its place, and the value as stored: an envelope, or a value written in the clear before the policy sealed it).
 */
export interface HeldValue {
  $held: StoredField;
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
  const hold = (value: unknown, path: string): HeldValue => ({
    $held: { subject, place: { streamId: event.streamId, eventId: event.id, path }, value },
  });
  return { ...event, data: sealFields(event.data, rule.fields, hold) };
}

/** `folded` with every HeldValue opened as the store opens an event on a read (openStoredFields), in one key look-up. */
export async function openHeld<T>(store: EventStore, folded: T): Promise<T> {
  const held: HeldValue[] = [];
  collect(folded, held);
  if (!held.length) return folded;
  const fields = held.map((h) => h.$held);
  const opened = await openStoredFields(store, fields);
  const values = new Map(held.map((h, i) => [h, opened[i]]));
  return replace(folded, (h) => values.get(h)) as T;
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
