import { Injectable } from '@nestjs/common';
import { assertUnitAccess, actorOf, Principal } from '@app/auth';
import { CommandRunner, ResourceResult } from '@app/platform';
import { GuaranteeCommand, guaranteeDecider, GuaranteeState } from './guarantee.decider';
import { guaranteeStream } from './guarantee.events';
import { GuaranteeView, toGuaranteeView } from './guarantee.view';

/** Runs a command on an existing guarantee for a user who must be allowed to act for its unit. */
@Injectable()
export class GuaranteeCommands {
  constructor(private readonly runner: CommandRunner) {}

  run(
    guaranteeId: string,
    user: Principal,
    command: (now: Date) => GuaranteeCommand,
    expectedRevision?: bigint,
  ): Promise<ResourceResult<GuaranteeView>> {
    const now = this.runner.now();
    const authorize = (s: GuaranteeState) => s.exists && assertUnitAccess(user, s.unitId!);
    return this.runner.respond(
      guaranteeDecider,
      guaranteeStream(guaranteeId),
      command(now),
      { actor: actorOf(user), expectedRevision, authorize },
      (s) => toGuaranteeView(s, now),
    );
  }
}
