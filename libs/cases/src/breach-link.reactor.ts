import { createHash } from 'node:crypto';
import { DomainError, fold, handleCommand, RecordedEvent, RuleViolationError, WrongExpectedRevisionError } from '@app/core';
import { EventStore, SubjectErasedError } from '@app/event-store';
import { breachDecider, breachStream, guaranteeDecider, GuaranteeEvent, guaranteeStream } from '@app/guarantees';
import { Reactor } from '@app/projections';
import { caseDecider } from './case.decider';
import { CaseRegistered, caseStream } from './case.events';

/** The breach reported for a case has an id derived from the case, so a replay finds it instead of reporting again. */
export function breachIdForCase(caseId: string): string {
  const h = createHash('sha256').update(`breach-of-case:${caseId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The guarantee rules refused the breach a case named: kept so that the refusal is on record and the next case goes on. */
export type BreachLinkRefused = {
  type: 'BreachLinkRefused.v1';
  data: {
    caseId: string;
    reference: string;
    guaranteeId: string;
    commitmentId: string;
    /** The DomainError's code, e.g. `commitment_not_in_force`. */
    rule: string;
    reason: string;
    at: string;
  };
};

/**
 * The process manager's own stream, one per case and written at most once. Its category is neither `case-` nor
 * `breach-`, so the case and breach deciders and projections never see it.
 */
export const BREACH_LINK_CATEGORY = 'breachlink';
export const breachLinkStream = (caseId: string) => `${BREACH_LINK_CATEGORY}-${caseId}`;

/**
 * The guarantee as the system knew it when the case was recorded, as the registration check saw it: a later adoption
 * dated back, or a withdrawal, does not change which commitment the case named, and a replay decides the same.
 */
async function guaranteeWhenRecorded(store: EventStore, guaranteeId: string, recorded: RecordedEvent) {
  const events = await store.readStream(guaranteeStream(guaranteeId));
  const positioned = recorded.position >= 0n && events.every((g) => g.position >= 0n);
  const known = events.filter((g) => (positioned ? g.position < recorded.position : g.metadata.recordedAt <= recorded.metadata.recordedAt));
  return fold(guaranteeDecider, known as unknown as GuaranteeEvent[]);
}

/**
 * Process manager: a case that names a guarantee commitment reports the breach by itself, and the case shows the breach id.
 * Reads the durable log through a checkpointed subscription; idempotent on replay. A refusal by the guarantee rules is
 * recorded and does not stop it; any other error (the store is unavailable) does, and the event is delivered again.
 */
export function breachLinkReactor(store: EventStore): Reactor {
  return {
    name: 'breach-link',
    filter: { types: ['CaseRegistered.v1'] },
    sealed: true, // it reads ids and dates only
    async handle(recorded: RecordedEvent) {
      const e = recorded as unknown as RecordedEvent<CaseRegistered['data']>;
      const { caseId, guaranteeId, commitmentId, receivedAt, reference, unitId } = e.data;
      if (!guaranteeId || !commitmentId) return;
      const metadata = {
        actor: { sub: 'system:breach-link', name: 'Garantibrott från synpunkt' },
        correlationId: recorded.metadata.correlationId,
        causationId: recorded.id,
      };
      const now = new Date(recorded.metadata.recordedAt);
      const breachId = breachIdForCase(caseId);
      const guarantee = await guaranteeWhenRecorded(store, guaranteeId, recorded);
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
            caseUnitId: unitId,
            now,
          },
          { metadata },
        );
      } catch (err) {
        // A case erased before the link ran: its breach would be sealed with the shredded key, so it is refused on record.
        const erased = err instanceof SubjectErasedError;
        if (!(err instanceof DomainError) && !erased) throw err;
        if (erased || !(err instanceof RuleViolationError && err.code === 'breach_exists')) {
          const rule = erased ? 'case_erased' : err.code;
          const refusal: BreachLinkRefused = {
            type: 'BreachLinkRefused.v1',
            data: { caseId, reference, guaranteeId, commitmentId, rule, reason: err.message, at: now.toISOString() },
          };
          return recordRefusal(store, refusal, metadata);
        }
      }
      await handleCommand(store, caseDecider, caseStream(caseId), { type: 'LinkBreach', breachId, now }, { metadata });
    },
  };
}

async function recordRefusal(store: EventStore, refusal: BreachLinkRefused, metadata: Record<string, unknown>): Promise<void> {
  try {
    await store.append(breachLinkStream(refusal.data.caseId), [{ ...refusal, metadata }], { expectedRevision: 'no_stream' });
  } catch (err) {
    if (!(err instanceof WrongExpectedRevisionError)) throw err; // recorded on an earlier delivery
  }
}
