import { ForbiddenException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf, canActForUnit, Principal } from '@app/auth';
import { aggregate, InvalidInputError, NotFoundError } from '@app/core';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { loadUnit } from '@app/units';
import { CaseCommand, caseDecider, CaseState } from '../case.decider';
import { caseStream } from '../case.events';
import { CaseView, mustSeeCase, toCommandView } from '../case.view';
import { loadCase } from '../load-case';
import { deliveryDecider } from '../messages/delivery.decider';
import { messagesStream } from '../messages/delivery.events';
import { CaseLookups, CaseStep, StepBy, StepTime } from './case-step.command';

/** The one handler of every lifecycle step (a subclass of CaseStep reaches it through its base). */
@CommandHandler(CaseStep)
export class CaseStepHandler implements ICommandHandler<CaseStep<object, unknown>, ResourceResult<CaseView>> {
  private readonly lookups: CaseLookups;

  constructor(private readonly runner: CommandRunner) {
    const { store } = runner;
    this.lookups = {
      async unit(unitId, field) {
        const unit = await loadUnit(store, unitId);
        if (!unit.exists) throw noSuch('unit', unitId, field);
        return unit;
      },
      async readableCase(caseId, user, field) {
        const found = await loadCase(store, caseId).catch((err: unknown) => {
          throw err instanceof NotFoundError ? noSuch('case', caseId, field) : err;
        });
        mustSeeCase(user, found.unitId!);
        return found;
      },
      async failedMessageIds(caseId) {
        const { deliveries } = (await aggregate(store, deliveryDecider, messagesStream(caseId))).state;
        return Object.entries(deliveries)
          .filter(([, d]) => d.status === 'failed')
          .map(([id]) => id);
      },
    };
  }

  async execute(step: CaseStep<object, unknown>): Promise<ResourceResult<CaseView>> {
    const facts = await step.lookUp(this.lookups);
    return runOnCase(this.runner, step.by, (time, state) => step.decision(time, state, facts), step.intakeMay);
  }
}

/** A field naming something that does not exist: the request is wrong (400), not the path (404). */
export const noSuch = (what: string, id: string, field: string) =>
  new InvalidInputError([{ field, message: `no ${what} has the id ${id}` }]);

/**
 * Decides a command on the case for a user who handles its unit (its managers, or an admin; intake too where
 * `intakeMay`), and answers with the case as a command's answer shows it.
 */
export function runOnCase(
  runner: CommandRunner,
  by: StepBy,
  decide: (time: StepTime, state: CaseState) => CaseCommand,
  intakeMay = false,
): Promise<ResourceResult<CaseView>> {
  const { user } = by;
  const now = runner.now();
  const authorize = (s: CaseState) => {
    if (s.exists && !mayHandle(user, s.unitId!, intakeMay)) throw new ForbiddenException(`you may not handle cases of unit ${s.unitId}`);
  };
  return runner.respond(
    caseDecider,
    caseStream(by.caseId),
    (state: CaseState) => decide({ at: by.at, now }, state),
    { actor: actorOf(user), expectedRevision: by.expectedRevision, authorize },
    (s) => toCommandView(s, user, now),
  );
}

/** May this user handle cases of the unit: an admin, the unit's managers, and intake where `intakeMay`. */
export function mayHandle(user: Principal, unitId: string, intakeMay = false): boolean {
  if (user.roles.includes('admin')) return true;
  if (intakeMay && user.roles.includes('intake')) return true;
  return user.roles.includes('manager') && canActForUnit(user, unitId);
}
