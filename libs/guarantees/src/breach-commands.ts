import { Injectable } from '@nestjs/common';
import { assertUnitAccess, actorOf, Principal } from '@app/auth';
import { HandleResult } from '@app/core';
import { CommandRunner, resourceOfStream, ResourceResult } from '@app/platform';
import { BreachCommand, breachDecider, BreachState } from './breach.decider';
import { breachStream } from './breach.events';
import { BreachView, toBreachView } from './breach.view';

/** Runs a command on an existing breach for a user who must be allowed to act for its unit. */
@Injectable()
export class BreachCommands {
  constructor(readonly runner: CommandRunner) {}

  execute(
    breachId: string,
    user: Principal,
    command: (now: Date) => BreachCommand,
    expectedRevision?: bigint,
  ): Promise<HandleResult<BreachState>> {
    const now = this.runner.now();
    const authorize = (s: BreachState) => s.exists && assertUnitAccess(user, s.unitId!);
    return this.runner.run(breachDecider, breachStream(breachId), command(now), { actor: actorOf(user), expectedRevision, authorize });
  }

  async run(
    breachId: string,
    user: Principal,
    command: (now: Date) => BreachCommand,
    expectedRevision?: bigint,
  ): Promise<ResourceResult<BreachView>> {
    const result = await this.execute(breachId, user, command, expectedRevision);
    const view = toBreachView(result.state, this.runner.now());
    return new ResourceResult(view, result.revision, result.position, resourceOfStream(breachStream(breachId)));
  }
}
