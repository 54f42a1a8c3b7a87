import { AppendMetadata } from '@app/core';
import { currentRequestContext } from './request-context';

/** Metadata for the events a request writes: who, and which request and conversation they belong to. */
export function eventMetadata(actor: { sub: string; name?: string }, extra: Record<string, unknown> = {}): AppendMetadata {
  const ctx = currentRequestContext();
  return {
    actor: { sub: actor.sub, ...(actor.name ? { name: actor.name } : {}) },
    ...(ctx ? { correlationId: ctx.correlationId, causationId: ctx.requestId } : {}),
    ...extra,
  };
}
