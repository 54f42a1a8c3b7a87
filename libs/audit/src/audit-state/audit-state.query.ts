import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { CaseState, toCaseView } from '@app/cases';
import { CLOCK, Clock, NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { BreachState, GuaranteeState, toBreachView, toGuaranteeView } from '@app/guarantees';
import { ReplayPool } from '@app/platform';
import { CaseDisclosures } from '../disclosures/case-disclosures';
import { openHeld } from './held-personal-data';
import { AuditedKind, AuditStateArgs, AuditStateReplay, replayAuditState } from './replay-audit-state';

export type { AuditedKind } from './replay-audit-state';

/** A resource as it stood at a record-time instant (default now), folded by its own module with the write side's evolve. */
export class GetStateAsOf {
  constructor(
    readonly kind: AuditedKind,
    readonly id: string,
    readonly asOf: string | undefined,
    readonly user: Principal,
  ) {}
}

/**
 * The fold runs on the replay pool (bounded, abandoned with its request, off the thread that serves requests) over the
 * stream read sealed; only the personal fields it kept are opened here, with the key store, before the disclosure is logged.
 */
@QueryHandler(GetStateAsOf)
export class GetStateAsOfHandler implements IQueryHandler<GetStateAsOf> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly replays: ReplayPool,
    private readonly disclosures: CaseDisclosures,
  ) {}

  async execute({ kind, id, asOf, user }: GetStateAsOf) {
    const at = asOf ? new Date(asOf) : this.clock.now();
    const args: AuditStateArgs = { kind, id, asOf: at.toISOString() };
    const replay = await this.replays.run<AuditStateArgs, AuditStateReplay>('auditState', replayAuditState, this.store, args);
    // Nothing of it known by then: the 404 names the instant asked about.
    if (!replay.found) throw new NotFoundError(kind, `${id}${asOf ? ` as of ${asOf}` : ''}`);
    const state = await openHeld(this.store, replay.state);
    const head = { asOf: at.toISOString(), revision: Number(state.revision) };
    switch (kind) {
      case 'case': {
        const c = state as unknown as CaseState;
        await this.disclosures.forState(user, c);
        return { ...head, case: toCaseView(c, at, true) };
      }
      case 'guarantee':
        return { ...head, guarantee: toGuaranteeView(state as unknown as GuaranteeState, at) };
      case 'breach':
        return { ...head, breach: toBreachView(state as unknown as BreachState, at) };
    }
  }
}
