import { createHash } from 'node:crypto';
import { fold, handleCommand, RecordedEvent, RuleViolationError } from '@app/core';
import { EventStore } from '@app/event-store';
import { breachDecider, breachStream, guaranteeDecider, GuaranteeEvent, guaranteeStream } from '@app/guarantees';
import { Reactor } from '@app/projections';
import { caseDecider } from './case.decider';
import { CaseRegistered, caseStream } from './case.events';

/** The breach reported for a case has an id derived from the case, so a replay finds it instead of reporting again. */
export function breachIdForCase(caseId: string): string {
  const h = createHash('sha256').update(`breach-of-case:${caseId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Process manager: a case that names a guarantee commitment reports the breach by itself, and the case shows the breach id.
 * Reads the durable log through a checkpointed subscription; idempotent on replay.
 */
export function breachLinkReactor(store: EventStore): Reactor {
  return {
    name: 'breach-link',
    filter: { types: ['CaseRegistered.v1'] },
    async handle(recorded: RecordedEvent) {
      const e = recorded as unknown as RecordedEvent<CaseRegistered['data']>;
      const { caseId, guaranteeId, commitmentId, receivedAt, reference, unitId } = e.data;
      if (!guaranteeId || !commitmentId) return;
      const metadata = {
        actor: { sub: 'system:breach-link', name: 'Garantibrott från synpunkt' },
        correlationId: recorded.metadata.correlationId,
        causationId: recorded.id,
      };
      const breachId = breachIdForCase(caseId);
      const guarantee = fold(guaranteeDecider, (await store.readStream(guaranteeStream(guaranteeId))) as unknown as GuaranteeEvent[]);
      try {
        await handleCommand(
          store,
          breachDecider,
          breachStream(breachId),
          {
            type: 'ReportBreach',
            breachId,
            guarantee,
            commitmentId,
            occurredAt: new Date(receivedAt),
            description: `Anmält i synpunkt ${reference} (enhet ${unitId})`,
            caseId,
            now: new Date(recorded.metadata.recordedAt),
          },
          { metadata },
        );
      } catch (err) {
        if (!(err instanceof RuleViolationError && err.code === 'breach_exists')) throw err;
      }
      await handleCommand(
        store,
        caseDecider,
        caseStream(caseId),
        { type: 'LinkBreach', breachId, now: new Date(recorded.metadata.recordedAt) },
        { metadata },
      );
    },
  };
}
