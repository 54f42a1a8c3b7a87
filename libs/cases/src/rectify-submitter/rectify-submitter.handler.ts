import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { CaseView } from '../case.view';
import { runOnCase } from '../case-lifecycle/case-step.handler';
import { RectifySubmitter } from './rectify-submitter.command';

@CommandHandler(RectifySubmitter)
export class RectifySubmitterHandler implements ICommandHandler<RectifySubmitter, ResourceResult<CaseView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ by, submitter }: RectifySubmitter): Promise<ResourceResult<CaseView>> {
    return runOnCase(this.runner, by, ({ now }) => ({ type: 'RectifySubmitter', submitter, now }));
  }
}
