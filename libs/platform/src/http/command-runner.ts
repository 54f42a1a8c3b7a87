import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, Decider, DomainEvent } from '@app/core';
import { handleCommand, HandleResult } from '@app/core/write';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { eventMetadata } from './event-metadata';
import { resourceOfStream, ResourceResult } from './resource-result';

export interface RunOptions<S = unknown> {
  actor: { sub: string; name?: string };
  /** The client's If-Match revision. */
  expectedRevision?: bigint;
  /** The stream id was just generated: decide without reading it first (see HandleOptions.newStream). */
  newStream?: boolean;
  /** Checked against the current state before deciding (e.g. may this user act for the resource's unit?). */
  authorize?: (state: S) => void;
  /** Correlation of the events written, for a writer outside a request (a process manager names the event it handles). */
  metadata?: { correlationId?: string; causationId?: string };
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
    options: RunOptions<S>,
  ): Promise<HandleResult<S>> {
    const { authorize } = options;
    const decide = authorize
      ? (state: S) => {
          authorize(state);
          return typeof command === 'function' ? (command as (s: S) => C)(state) : command;
        }
      : command;
    return handleCommand(this.store, decider, streamId, decide, {
      expectedRevision: options.expectedRevision,
      newStream: options.newStream,
      metadata: eventMetadata(options.actor, options.metadata),
    });
  }

  /** Runs the command and answers with the resource's new state, revision and position. */
  async respond<S, C, E extends DomainEvent, V>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: C | ((state: S) => C),
    options: RunOptions<S>,
    view: (state: S) => V,
  ): Promise<ResourceResult<V>> {
    const result = await this.run(decider, streamId, command, options);
    return new ResourceResult(view(result.state), result.revision, result.position, resourceOfStream(streamId));
  }
}
