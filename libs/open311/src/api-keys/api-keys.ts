import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppendMetadata, fold, handleCommand } from '@app/core';
import { EventStore } from '@app/event-store';
import { open311ClientDecider, Open311ClientState } from './open311-client.decider';
import { OPEN311_CLIENT_CATEGORY, Open311ClientEvent, open311ClientStream } from './open311-client.events';

/** `<clientId>.<secret>`: the client id lets us find the stream without an index; the secret is 32 random bytes. */
const KEY_FORMAT = /^([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export function newApiKey(): { clientId: string; key: string } {
  const clientId = randomBytes(8).toString('hex');
  return { clientId, key: `${clientId}.${randomBytes(32).toString('base64url')}` };
}

export interface Open311Client {
  clientId: string;
  name: string;
  issuedAt: string;
  revokedAt?: string;
}

const toClient = (s: Open311ClientState): Open311Client => ({
  clientId: s.clientId!,
  name: s.name!,
  issuedAt: s.issuedAt!,
  ...(s.revokedAt ? { revokedAt: s.revokedAt } : {}),
});

/** Issues a key; the plain key is returned once and never stored. */
export async function issueApiKey(
  store: EventStore,
  name: string,
  now: Date,
  metadata?: AppendMetadata,
): Promise<Open311Client & { key: string }> {
  const { clientId, key } = newApiKey();
  const result = await handleCommand(
    store,
    open311ClientDecider,
    open311ClientStream(clientId),
    { type: 'IssueApiKey', clientId, name, keyHash: hashApiKey(key), now },
    { metadata },
  );
  return { ...toClient(result.state), key };
}

export async function revokeApiKey(store: EventStore, clientId: string, now: Date, reason?: string, metadata?: AppendMetadata) {
  const result = await handleCommand(
    store,
    open311ClientDecider,
    open311ClientStream(clientId),
    { type: 'RevokeApiKey', reason, now },
    { metadata },
  );
  return toClient(result.state);
}

export async function listApiKeys(store: EventStore): Promise<Open311Client[]> {
  const events = await store.readAll({ streamPrefix: `${OPEN311_CLIENT_CATEGORY}-` });
  const byStream = new Map<string, Open311ClientEvent[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e as unknown as Open311ClientEvent]);
  return [...byStream.values()]
    .map((stream) => toClient(fold(open311ClientDecider, stream)))
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
}

/** The client a key belongs to, if the key is well-formed, issued and not revoked. Read from the stream: a revocation counts at once. */
export async function verifyApiKey(store: EventStore, key: unknown): Promise<Open311Client | undefined> {
  if (typeof key !== 'string') return undefined;
  const m = KEY_FORMAT.exec(key.trim());
  if (!m) return undefined;
  const state = fold(open311ClientDecider, (await store.readStream(open311ClientStream(m[1]))) as unknown as Open311ClientEvent[]);
  if (!state.exists || state.revokedAt) return undefined;
  const given = Buffer.from(hashApiKey(key.trim()), 'hex');
  const stored = Buffer.from(state.keyHash!, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? toClient(state) : undefined;
}
