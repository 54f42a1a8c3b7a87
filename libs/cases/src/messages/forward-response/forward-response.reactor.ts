import { systemPrincipal } from '@app/auth';
import { Clock, RecordedEvent } from '@app/core';
import { EventStore } from '@app/event-store';
import { Reactor } from '@app/projections';
import type { CaseMerged, MessageQueued } from '../../case.events';
import { ForwardResponse } from './forward-response.command';

/** Who forwards: recorded as the actor of the forwarded responses. */
export const RESPONSE_FORWARD = systemPrincipal('response-forward', 'Svar till dubbletternas avsändare');

export interface ResponseForwardDeps {
  commands: { execute(command: object): Promise<unknown> };
  store: Pick<EventStore, 'readAll'>;
  clock: Clock;
  /** The outbox's MAIL_MAX_AGE_HOURS: a response queued longer ago than this is not forwarded. */
  maxAgeMs: number;
}

/**
 * The people who wrote the duplicates merged into a case get its response too: each response queued on a case is
 * forwarded to every case merged into it when the response was queued (the merges before it in the log), on the
 * duplicate's own stream. Idempotent: the forwarded message's id derives from the response and the duplicate.
 *
 * A response queued longer ago than the outbox's max age is skipped: a reactor new to an existing log (no checkpoint)
 * folds it from the start, and must not mail out every old answer — a copy of one would be too old to send anyway.
 */
export function responseForwardReactor({ commands, store, clock, maxAgeMs }: ResponseForwardDeps): Reactor {
  return {
    name: 'response-forward',
    filter: { types: ['MessageQueued.v1'] },
    async handle(recorded: RecordedEvent) {
      const m = recorded.data as MessageQueued['data'];
      if (m.kind !== 'response' || m.forwardOf || m.resendOf) return;
      if (typeof m.text !== 'string') return; // erased: nothing to forward
      if (clock.now().getTime() - Date.parse(m.at) > maxAgeMs) return; // history, not news (see above)
      const merges = await store.readAll({ types: ['CaseMerged.v1'], sealed: true, recordedUntil: new Date(recorded.metadata.recordedAt) });
      const duplicates = new Set(
        merges
          .filter((e) => e.position < recorded.position && (e.data as CaseMerged['data']).intoCaseId === m.caseId)
          .map((e) => (e.data as CaseMerged['data']).caseId),
      );
      const of = { caseId: m.caseId, reference: m.reference, messageId: m.messageId };
      const metadata = { correlationId: recorded.metadata.correlationId, causationId: recorded.id };
      // The decider checks that each is still merged into this case (an unmerged one gets nothing).
      for (const duplicate of duplicates)
        await commands.execute(new ForwardResponse(duplicate, of, m.text, RESPONSE_FORWARD, metadata, m.confidential));
    },
  };
}
