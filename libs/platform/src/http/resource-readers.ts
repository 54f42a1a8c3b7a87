import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { ResourceResult } from './resource-result';

/** Reads a resource as `user` may see it now, or throws as its GET would (404, 403). */
export type ResourceReader = (id: string, user: Principal) => Promise<ResourceResult>;

/**
 * How to read each kind of resource a write answers with (ResourceResult.resource), registered by the module that owns
 * it in onModuleInit. An idempotent replay answers through these, so it shows the resource as it is now (an erased
 * case reads as erased) instead of a stored copy of the first answer.
 */
@Injectable()
export class ResourceReaders {
  private readonly readers = new Map<string, ResourceReader>();

  register(kind: string, read: ResourceReader): void {
    if (this.readers.has(kind)) throw new Error(`a reader for resources of kind ${kind} is already registered`);
    this.readers.set(kind, read);
  }

  has(kind: string): boolean {
    return this.readers.has(kind);
  }

  read(kind: string, id: string, user: Principal): Promise<ResourceResult> {
    const read = this.readers.get(kind);
    // A write answered with a kind whose module registered no reader: a bug to fix, not something the client did.
    if (!read) throw new Error(`no reader is registered for resources of kind ${kind}`);
    return read(id, user);
  }
}
