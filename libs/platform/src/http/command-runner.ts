import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, Decider, DomainEvent, handleCommand, HandleResult } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { eventMetadata } from './event-metadata';
import { ResourceResult } from './resource-result';

export interface RunOptions {
  actor: { sub: string; name?: string };
  /** The client's If-Match revision. */
  expectedRevision?: bigint;
}

/** The one way a use case writes: decide on the stream with the request's actor, clock and correlation. */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CLOCK) readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  run<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: C | ((state: S) => C),
    options: RunOptions,
  ): Promise<HandleResult<S>> {
    return handleCommand(this.store, decider, streamId, command, {
      expectedRevision: options.expectedRevision,
      metadata: eventMetadata(options.actor),
    });
  }

  /** Runs the command and answers with the resource's new state, revision and position. */
  async respond<S, C, E extends DomainEvent, V>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: C | ((state: S) => C),
    options: RunOptions,
    view: (state: S) => V,
  ): Promise<ResourceResult<V>> {
    const result = await this.run(decider, streamId, command, options);
    return new ResourceResult(view(result.state), result.revision, result.position);
  }
}
