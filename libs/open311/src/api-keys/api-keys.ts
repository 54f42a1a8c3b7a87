import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { aggregate } from '@app/core';
import { EventStore } from '@app/event-store';
import { open311ClientDecider, Open311ClientState } from './open311-client.decider';
import { OPEN311_CLIENT_CATEGORY, open311ClientStream } from './open311-client.events';

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

export const toClient = (s: Open311ClientState): Open311Client => ({
  clientId: s.clientId!,
  name: s.name!,
  issuedAt: s.issuedAt!,
  ...(s.revokedAt ? { revokedAt: s.revokedAt } : {}),
});

const loadClient = async (store: EventStore, clientId: string) =>
  (await aggregate(store, open311ClientDecider, open311ClientStream(clientId))).state;

/** Every client, oldest first, with whether its key is revoked (never the key). */
export async function listApiKeys(store: EventStore): Promise<Open311Client[]> {
  const prefix = `${OPEN311_CLIENT_CATEGORY}-`;
  const issued = await store.readAll({ streamPrefix: prefix, types: ['ApiKeyIssued.v1'] });
  const clients = await Promise.all(issued.map((e) => loadClient(store, e.streamId.slice(prefix.length))));
  return clients.map(toClient).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
}

/** The client a key belongs to, if the key is well-formed, issued and not revoked. Read from the stream: a revocation counts at once. */
export async function verifyApiKey(store: EventStore, key: unknown): Promise<Open311Client | undefined> {
  if (typeof key !== 'string') return undefined;
  const m = KEY_FORMAT.exec(key.trim());
  if (!m) return undefined;
  const state = await loadClient(store, m[1]);
  if (!state.exists || state.revokedAt) return undefined;
  const given = Buffer.from(hashApiKey(key.trim()), 'hex');
  const stored = Buffer.from(state.keyHash!, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? toClient(state) : undefined;
}
