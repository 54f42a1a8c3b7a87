import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { runStep } from './acting-for-unit';
import { guaranteeDecider } from './guarantee.decider';
import { guaranteeStream } from './guarantee.events';
import { GuaranteeView, toGuaranteeView } from './guarantee.view';
import { GuaranteeStep } from './guarantee-step';

@CommandHandler(GuaranteeStep)
export class GuaranteeStepHandler implements ICommandHandler<GuaranteeStep, ResourceResult<GuaranteeView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: GuaranteeStep): Promise<ResourceResult<GuaranteeView>> {
    return runStep(this.runner, guaranteeDecider, guaranteeStream(command.guaranteeId), command, toGuaranteeView);
  }
}
