import { actorOf, systemPrincipal } from '@app/auth';
import { DomainError, RecordedEvent, RuleViolationError, WrongExpectedRevisionError } from '@app/core';
import { EventStore, SubjectErasedError } from '@app/event-store';
import { ReportBreach } from '@app/guarantees';
import { Reactor } from '@app/projections';
import type { CaseRegistered } from '../case.events';
import { derivedId } from '../case-messages.decider';
import { LinkBreach } from './link-breach.command';

/** The breach reported for a case has an id derived from the case, so a replay finds it instead of reporting again. */
export const breachIdForCase = (caseId: string): string => derivedId(`breach-of-case:${caseId}`);

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

/** Who reports and links: recorded as the actor of what the process manager writes. */
export const BREACH_LINK = systemPrincipal('breach-link', 'Garantibrott från synpunkt');

/** What the process manager needs: the command bus, and the store for its own refusal records. */
export interface BreachLinkDeps {
  commands: { execute(command: object): Promise<unknown> };
  store: Pick<EventStore, 'append'>;
}

/**
 * Process manager: a case that names a guarantee commitment reports the breach by itself, and the case shows the breach id.
 * Reads the durable log through a checkpointed subscription; idempotent on replay. A refusal by the guarantee rules is
 * recorded and does not stop it; any other error (the store is unavailable) does, and the event is delivered again.
 */
export function breachLinkReactor({ commands, store }: BreachLinkDeps): Reactor {
  return {
    name: 'breach-link',
    filter: { types: ['CaseRegistered.v1'] },
    sealed: true, // it reads ids and dates only
    async handle(recorded: RecordedEvent) {
      const { caseId, guaranteeId, commitmentId, receivedAt, reference, unitId } = recorded.data as CaseRegistered['data'];
      if (!guaranteeId || !commitmentId) return;
      const metadata = { correlationId: recorded.metadata.correlationId, causationId: recorded.id };
      const breachId = breachIdForCase(caseId);
      const breach = {
        breachId,
        guaranteeId,
        commitmentId,
        occurredAt: new Date(receivedAt),
        description: `Anmält i synpunkt ${reference} (enhet ${unitId})`,
        caseId,
        caseUnitId: unitId,
      };
      // The guarantee as the system knew it when the case was recorded, as the registration check saw it: a later
      // adoption dated back, or a withdrawal, does not change which commitment the case named, and a replay decides the same.
      const guaranteeAsKnown = { before: recorded.position, asOf: new Date(recorded.metadata.recordedAt) };
      try {
        await commands.execute(new ReportBreach(breach, BREACH_LINK, { guaranteeAsKnown, metadata }));
      } catch (err) {
        // A case erased before the link ran: its breach would be sealed with the shredded key, so it is refused on record.
        const erased = err instanceof SubjectErasedError;
        if (!(err instanceof DomainError) && !erased) throw err;
        if (erased || !(err instanceof RuleViolationError && err.code === 'breach_exists')) {
          const rule = erased ? 'case_erased' : err.code;
          const at = new Date(recorded.metadata.recordedAt).toISOString();
          const refusal: BreachLinkRefused = {
            type: 'BreachLinkRefused.v1',
            data: { caseId, reference, guaranteeId, commitmentId, rule, reason: err.message, at },
          };
          return recordRefusal(store, refusal, metadata);
        }
      }
      await commands.execute(new LinkBreach(caseId, breachId, BREACH_LINK, metadata));
    },
  };
}

async function recordRefusal(store: BreachLinkDeps['store'], refusal: BreachLinkRefused, metadata: object): Promise<void> {
  try {
    await store.append(breachLinkStream(refusal.data.caseId), [{ ...refusal, metadata: { actor: actorOf(BREACH_LINK), ...metadata } }], {
      expectedRevision: 'no_stream',
    });
  } catch (err) {
    if (!(err instanceof WrongExpectedRevisionError)) throw err; // recorded on an earlier delivery
  }
}
