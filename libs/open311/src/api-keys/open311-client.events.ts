/** An Open311 client (a city e-service or app) and its API key. Only the key's SHA-256 hash is ever stored. */
export type ApiKeyIssued = {
  type: 'ApiKeyIssued.v1';
  data: { clientId: string; name: string; keyHash: string; at: string };
};
export type ApiKeyRevoked = { type: 'ApiKeyRevoked.v1'; data: { clientId: string; reason?: string; at: string } };

export type Open311ClientEvent = ApiKeyIssued | ApiKeyRevoked;

export const OPEN311_CLIENT_CATEGORY = 'open311-client';
export const open311ClientStream = (clientId: string) => `${OPEN311_CLIENT_CATEGORY}-${clientId}`;
