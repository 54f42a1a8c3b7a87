import { ForbiddenException, Injectable } from '@nestjs/common';
import { actorOf, canActForUnit, Principal } from '@app/auth';
import { CommandRunner, ResourceResult } from '@app/platform';
import { CaseCommand, caseDecider, CaseState } from './case.decider';
import { caseStream } from './case.events';
import { CaseView, toCommandView } from './case.view';

export interface CaseCommandOptions {
  expectedRevision?: bigint;
  /** Intake may route (transfer) cases of any unit. */
  intakeMay?: boolean;
}

/** Runs a lifecycle command for a user who handles the case's unit (its managers, or an admin). */
@Injectable()
export class CaseCommands {
  constructor(private readonly runner: CommandRunner) {}

  run(
    caseId: string,
    user: Principal,
    command: (now: Date, state: CaseState) => CaseCommand,
    options: CaseCommandOptions = {},
  ): Promise<ResourceResult<CaseView>> {
    const now = this.runner.now();
    const authorize = (s: CaseState) => {
      if (s.exists && !mayHandle(user, s.unitId!, options.intakeMay))
        throw new ForbiddenException(`you may not handle cases of unit ${s.unitId}`);
    };
    return this.runner.respond(
      caseDecider,
      caseStream(caseId),
      (state: CaseState) => command(now, state),
      { actor: actorOf(user), expectedRevision: options.expectedRevision, authorize },
      (s) => toCommandView(s, user, now),
    );
  }
}

function mayHandle(user: Principal, unitId: string, intakeMay = false): boolean {
  if (user.roles.includes('admin')) return true;
  if (intakeMay && user.roles.includes('intake')) return true;
  return user.roles.includes('manager') && canActForUnit(user, unitId);
}
