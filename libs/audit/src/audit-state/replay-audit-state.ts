import { casePersonalData, loadCase } from '@app/cases';
import { NotFoundError, RecordedEvent } from '@app/core';
import { EventStore, PersonalDataPolicy } from '@app/event-store';
import { breachPersonalData, loadBreach, loadGuarantee } from '@app/guarantees';
import { holdPersonalData } from './held-personal-data';

export type AuditedKind = 'case' | 'guarantee' | 'breach';

/** What the auditor's as-of replay is asked (structured-cloned into a replay thread). */
export interface AuditStateArgs {
  kind: AuditedKind;
  id: string;
  /** Record time, ISO. */
  asOf: string;
}

/** The state with its personal fields held sealed (see HeldValue), or nothing known of it by then. */
export type AuditStateReplay = { found: false } | { found: true; state: FoundState };
type FoundState = { revision: bigint } & Record<string, unknown>;

// The same rules the app seals with (AppModule): a field the thread did not hold would reach the request thread sealed.
const policy = new PersonalDataPolicy({ ...casePersonalData, ...breachPersonalData });

/**
 * A case, guarantee or breach as it stood at a record-time instant, folded with its own module's load (the write side's
 * evolve) over its stream read sealed: it runs in a replay thread, which opens no key store, and its personal fields come
 * back held for the request thread to open (openHeld) and disclose. A NotFoundError cannot cross a thread: `found: false`.
 */
export async function replayAuditState(store: EventStore, { kind, id, asOf }: AuditStateArgs): Promise<AuditStateReplay> {
  // The loads read one stream, and only through readStream.
  const held = {
    readStream: async (streamId: string) => (await store.readStream(streamId)).map((e: RecordedEvent) => holdPersonalData(policy, e)),
  } as unknown as EventStore;
  const at = new Date(asOf);
  try {
    const load = kind === 'case' ? loadCase : kind === 'guarantee' ? loadGuarantee : loadBreach;
    return { found: true, state: (await load(held, id, { asOf: at })) as unknown as FoundState };
  } catch (err) {
    if (err instanceof NotFoundError) return { found: false };
    throw err;
  }
}
