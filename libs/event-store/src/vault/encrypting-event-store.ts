import { randomUUID } from 'node:crypto';
import { AppendResult, ExpectedRevision, NewEvent, ReadStreamOptions, RecordedEvent } from '@app/core';
import { EventStore, ReadAllOptions, RowBreak, StreamMetadata, SubscribeOptions, Subscription } from '../event-store.port';
import { mapSubscription } from '../polling-subscription';
import { UpcasterRegistry } from '../upcasters';
import { isSubject, ShredReceipt } from './key-store';
import { containsEnvelope, openEnvelopes, sealFields } from './personal-data-fields';
import { PersonalDataPolicy } from './personal-data-policy';
import { erased, isEncryptedEnvelope, KeyRing, PersonalDataVault, SealPlace, VaultDecryptionError } from './personal-data-vault';
import { openedSubscription } from './opened-subscription';

/** A personal-data field of an event as stored, where it stands: an envelope, or a value written in the clear. */
export interface StoredField {
  /** The event's subject by the policy: whose key opens (and whose erasure erases) the field. */
  subject: string;
  place: SealPlace;
  value: unknown;
}

export interface EncryptingEventStoreOptions {
  /**
   * Upcasters that need plaintext run here, after decryption; give the inner store none then.
   * Upcasters on the inner store see envelopes (they may move them, not read them).
   */
  upcasters?: UpcasterRegistry;
}

/**
 * Seals the policy's personal-data fields before the inner store sees them (so the hash chain covers ciphertext)
 * and opens them on every read unless `raw`. Erased values read as `{ erased: true }`; replay keeps working.
 * `close()` closes the inner store and the vault's key store.
 */
export class EncryptingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    readonly vault: PersonalDataVault,
    readonly policy: PersonalDataPolicy,
    private readonly options: EncryptingEventStoreOptions = {},
  ) {}

  get kind(): EventStore['kind'] {
    return this.inner.kind;
  }

  async append(streamId: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    const subjects = events
      .map((e) => this.policy.subjectOf({ streamId, type: e.type, data: e.data }))
      .filter((s): s is string => s !== undefined);
    const keys = await this.vault.forSealing(subjects);
    // Sealed values are bound to their event, so each event's id is fixed before sealing.
    const sealed = events.map((event) => this.seal(keys, streamId, { ...event, id: event.id ?? randomUUID() }));
    const result = await this.inner.append(streamId, sealed, options);
    // The caller gets back what it wrote; hashes and positions are those of the stored (sealed) events.
    return { ...result, events: result.events.map((recorded, i) => ({ ...recorded, data: events[i].data ?? null })) };
  }

  private seal(keys: KeyRing, streamId: string, event: NewEvent & { id: string }): NewEvent {
    if (containsEnvelope(event.data) || containsEnvelope(event.metadata)) {
      throw new TypeError(`${event.type}: event data may not contain "$enc" objects; only the vault writes them`);
    }
    const subject = this.policy.subjectOf({ streamId, type: event.type, data: event.data });
    if (subject === undefined) return event;
    const fields = this.policy.ruleFor(event.type)!.fields;
    const place = (path: string): SealPlace => ({ streamId, eventId: event.id, path });
    return { ...event, data: sealFields(event.data, fields, (value, path) => keys.encrypt(subject, value, place(path))) };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(streamId, options));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    // An envelope opens only with its event's id: lean reads are for readers that leave personal data sealed.
    const events = await this.inner.readAll(options.raw || options.sealed ? options : { ...options, lean: false });
    if (options.raw) return events;
    return options.sealed ? events.map((e) => this.upcastOnly(e)) : this.openAll(events);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const inner = this.inner.subscribe(options.raw || options.sealed ? options : { ...options, lean: false });
    if (options.raw) return inner;
    if (options.sealed) return mapSubscription(inner, (event) => this.upcastOnly(event));
    // Each event fetches its subject's key as it comes: a shred is seen by the very next event.
    return openedSubscription(inner, (event) => {
      const subject = this.subjectOf(event);
      if (!isSubject(subject)) return this.open(event, KeyRing.empty);
      return this.vault.forReading([subject]).then((keys) => this.open(event, keys));
    });
  }

  streamHeads(): Promise<Map<string, { revision: bigint; hash: string | null }>> {
    if (!this.inner.streamHeads) return Promise.resolve(new Map());
    return this.inner.streamHeads();
  }

  /** The rows as stored: sealing changes nothing the check reads. */
  verifyRows(): Promise<RowBreak | undefined> {
    return this.inner.verifyRows ? this.inner.verifyRows() : Promise.resolve(undefined);
  }

  /** Imports go to the inner store as exported: their envelopes are already sealed. */
  importEvents(events: RecordedEvent[]): Promise<number> {
    if (!this.inner.importEvents) return Promise.reject(new Error(`the ${this.inner.kind} store cannot import events`));
    return this.inner.importEvents(events);
  }

  /** Erases a subject's personal data everywhere it was sealed, now and in every replay. */
  shred(subject: string): Promise<ShredReceipt> {
    return this.vault.shred(subject);
  }

  /**
   * Fields kept sealed through a fold (an audit replay reads events sealed, in a thread without keys), opened by the
   * rules a read opens an event by, with one key look-up for all of them.
   */
  async openFields(fields: readonly StoredField[]): Promise<unknown[]> {
    const keys = await this.vault.forReading(fields.map((f) => f.subject));
    return fields.map((f) => openField(keys, f.subject, f.value, f.place));
  }

  getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    return this.inner.getStreamMetadata(streamId);
  }

  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    return this.inner.setStreamMetadata(streamId, metadata);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      await this.vault.close();
    }
  }

  /** Fetches the keys of every subject the events are about in one look-up, then opens them. */
  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) {
      const subject = this.subjectOf(event);
      if (isSubject(subject)) subjects.add(subject);
    }
    const keys = await this.vault.forReading(subjects);
    return events.map((event) => this.open(event, keys));
  }

  private subjectOf(event: RecordedEvent): string | undefined {
    return this.policy.subjectOf({ streamId: event.streamId, type: event.type, data: event.data });
  }

  private upcastOnly(event: RecordedEvent): RecordedEvent {
    return this.options.upcasters ? this.options.upcasters.upcast(event) : event;
  }

  /** Opens each envelope at the place it stands in this event (openField). */
  private open(event: RecordedEvent, keys: KeyRing): RecordedEvent {
    const subject = this.subjectOf(event);
    const field = (value: unknown, path: string) => openField(keys, subject, value, { streamId: event.streamId, eventId: event.id, path });
    // The policy's fields go with the subject's erasure, a value written in the clear before the policy sealed it too.
    const stored =
      isSubject(subject) && keys.isErased(subject) ? sealFields(event.data, this.policy.ruleFor(event.type)!.fields, field) : event.data;
    const data = openEnvelopes(stored, field);
    const opened = data === event.data ? event : { ...event, data };
    return this.options.upcasters ? this.options.upcasters.upcast(opened) : opened;
  }
}

/**
 * A stored value of an event's personal data as every read gives it. An envelope opens only with its event's subject's
 * key (only the vault writes envelopes, and it seals an event's values with that key: one sealed for anyone else is
 * refused) and reads `{ erased: true }` once that key is shredded; so does a value written in the clear.
 */
function openField(keys: KeyRing, subject: string | undefined, value: unknown, place: SealPlace): unknown {
  if (!isEncryptedEnvelope(value)) return isSubject(subject) && keys.isErased(subject) ? erased() : value;
  if (value.kid !== subject) throw new VaultDecryptionError(String(value.kid), `${place.streamId} is sealed for ${subject ?? 'no one'}`);
  return keys.decrypt(value, place);
}

/** The fields as `store` opens them: with its keys, or as stored where it seals nothing (an envelope there cannot open). */
export function openStoredFields(store: EventStore, fields: readonly StoredField[]): Promise<unknown[]> {
  if (store instanceof EncryptingEventStore) return store.openFields(fields);
  const envelope = fields.find((f) => isEncryptedEnvelope(f.value));
  if (envelope) return Promise.reject(new VaultDecryptionError(envelope.subject, 'this store holds no key store'));
  return Promise.resolve(fields.map((f) => f.value));
}
