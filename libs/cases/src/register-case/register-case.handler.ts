import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { actorOf, assertUnitAccess } from '@app/auth';
import { InvalidInputError, RuleViolationError, stockholmYear } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { commitmentInForceAt } from '@app/guarantees';
import { APP_CONFIG, AppConfig, eventMetadata, ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { loadUnit } from '@app/units';
import { caseDecider, checkRegistration } from '../case.decider';
import { caseStream } from '../case.events';
import { CaseView, toCommandView } from '../case.view';
import { noSuch } from '../case-lifecycle/case-step.handler';
import { requireListedCategory } from '../categories/listed-category';
import { isVoided } from '../void-references/reference-voids';
import { ReferenceAllocator } from './reference-allocator';
import { RegisterCase, Registration } from './register-case.command';

@CommandHandler(RegisterCase)
export class RegisterCaseHandler implements ICommandHandler<RegisterCase, ResourceResult<CaseView>> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly references: ReferenceAllocator,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ registration: r, user }: RegisterCase): Promise<ResourceResult<CaseView>> {
    if (!user.roles.includes('intake') && !user.roles.includes('admin')) assertUnitAccess(user, r.unitId);
    const now = this.runner.now();
    const receivedAt = r.receivedAt ?? now;
    const unit = await loadUnit(this.store, r.unitId);
    if (!unit.exists) throw noSuch('unit', r.unitId, 'unitId');
    if (unit.status !== 'open') throw new RuleViolationError('unit_closed', `unit ${r.unitId} is closed and takes no new cases`);
    const rules = { ...this.config.deadlines };
    if (r.commitmentId) rules.respondWorkingDays = (await this.checkCommitment(r, receivedAt)) ?? rules.respondWorkingDays;
    // Intake picks from the managed list (by id or label); the case records the id.
    const category = r.category === undefined ? undefined : await requireListedCategory(this.store, r.category);
    const input = { ...r, category, receivedAt, rules };
    // Every rule is checked before a reference is taken, so a refused registration never uses up a number.
    checkRegistration(input, now);

    const caseId = randomUUID();
    const year = stockholmYear(receivedAt);
    const reference = await this.references.allocate(year, caseId, eventMetadata(actorOf(user)));
    // A registration that stalled as long as a void takes to be recorded checks that its number was not voided meanwhile.
    if (
      this.runner.now().getTime() - now.getTime() >= this.config.referenceVoidAfterSeconds * 1000 &&
      (await isVoided(this.store, year, reference))
    ) {
      throw new RuleViolationError(
        'reference_voided',
        `reference ${reference} was recorded as void before this registration completed; register again`,
      );
    }
    const command = { type: 'RegisterCase' as const, caseId, reference, ...input, autoReceipt: this.config.outbox.autoReceipt, now };
    return this.runner.respond(caseDecider, caseStream(caseId), command, { actor: actorOf(user), newStream: true }, (s) =>
      toCommandView(s, user, now),
    );
  }

  /** The commitment must belong to a guarantee of this unit in force at receipt; its own response time wins. */
  private async checkCommitment(r: Registration, receivedAt: Date): Promise<number | undefined> {
    const inForce = await commitmentInForceAt(this.store, r.guaranteeId!, r.commitmentId!, receivedAt);
    if (!inForce.exists) throw noSuch('guarantee', r.guaranteeId!, 'guaranteeId');
    if (inForce.unitId !== r.unitId)
      throw new InvalidInputError([{ field: 'guaranteeId', message: `the guarantee belongs to unit ${inForce.unitId}, not ${r.unitId}` }]);
    if (!inForce.ok) throw new RuleViolationError('commitment_not_in_force', `commitmentId: ${inForce.reason}`);
    return inForce.commitment.responseWorkingDays;
  }
}
