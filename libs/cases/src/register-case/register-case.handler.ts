import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { actorOf, assertUnitAccess, Principal } from '@app/auth';
import { fold, InvalidInputError, RuleViolationError, stockholmYear } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { commitmentInForce, guaranteeDecider, GuaranteeEvent, guaranteeStream } from '@app/guarantees';
import { APP_CONFIG, AppConfig, CommandRunner, eventMetadata, ResourceResult } from '@app/platform';
import { loadUnit } from '@app/units';
import { CaseCommand, caseDecider } from '../case.decider';
import { caseStream } from '../case.events';
import { CaseView, toCommandView } from '../case.view';
import { isVoided } from '../void-references/reference-voids';
import { ReferenceAllocator } from './reference-allocator';
import { RegisterCaseRequest } from './register-case.request.dto';

export class RegisterCase extends Command<ResourceResult<CaseView>> {
  constructor(
    readonly request: RegisterCaseRequest,
    readonly user: Principal,
  ) {
    super();
  }
}

@CommandHandler(RegisterCase)
export class RegisterCaseHandler implements ICommandHandler<RegisterCase> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly references: ReferenceAllocator,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ request: r, user }: RegisterCase): Promise<ResourceResult<CaseView>> {
    if (!user.roles.includes('intake') && !user.roles.includes('admin')) assertUnitAccess(user, r.unitId);
    const now = this.runner.now();
    const receivedAt = r.receivedAt ? new Date(r.receivedAt) : now;
    const unit = await loadUnit(this.store, r.unitId);
    if (!unit.exists) throw new InvalidInputError([{ field: 'unitId', message: `no unit has the id ${r.unitId}` }]);
    if (unit.status !== 'open') throw new RuleViolationError('unit_closed', `unit ${r.unitId} is closed and takes no new cases`);
    const rules = { ...this.config.deadlines };
    if (r.commitmentId) rules.respondWorkingDays = (await this.checkCommitment(r, receivedAt)) ?? rules.respondWorkingDays;

    const caseId = randomUUID();
    const command = (reference: string): CaseCommand => ({
      type: 'RegisterCase',
      caseId,
      reference,
      caseType: r.type,
      channel: r.channel,
      unitId: r.unitId,
      category: r.category,
      description: r.description,
      submitter: r.submitter ? { ...r.submitter } : undefined,
      wantsReply: r.wantsReply,
      location: r.location ? { ...r.location } : undefined,
      guaranteeId: r.guaranteeId,
      commitmentId: r.commitmentId,
      confidential: r.confidential,
      receivedAt,
      rules,
      now,
    });
    // Every rule is checked before a reference is taken, so a rejected request never uses up a number.
    caseDecider.decide(command(''), caseDecider.initialState());
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
    return this.runner.respond(caseDecider, caseStream(caseId), command(reference), { actor: actorOf(user), newStream: true }, (s) =>
      toCommandView(s, user, now),
    );
  }

  /** The commitment must belong to a guarantee of this unit in force at receipt; its own response time wins. */
  private async checkCommitment(r: RegisterCaseRequest, receivedAt: Date): Promise<number | undefined> {
    const guarantee = fold(guaranteeDecider, (await this.store.readStream(guaranteeStream(r.guaranteeId!))) as unknown as GuaranteeEvent[]);
    if (!guarantee.exists) throw new InvalidInputError([{ field: 'guaranteeId', message: `no guarantee has the id ${r.guaranteeId}` }]);
    if (guarantee.unitId !== r.unitId)
      throw new InvalidInputError([
        { field: 'guaranteeId', message: `the guarantee belongs to unit ${guarantee.unitId}, not ${r.unitId}` },
      ]);
    const inForce = commitmentInForce(guarantee, r.commitmentId!, receivedAt);
    if (!inForce.ok) throw new RuleViolationError('commitment_not_in_force', `commitmentId: ${inForce.reason}`);
    return inForce.commitment.responseWorkingDays;
  }
}
