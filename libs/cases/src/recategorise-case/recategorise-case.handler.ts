import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { CaseView } from '../case.view';
import { runOnCase } from '../case-lifecycle/case-step.handler';
import { requireListedCategory } from '../categories/listed-category';
import { RecategoriseCase } from './recategorise-case.command';

@CommandHandler(RecategoriseCase)
export class RecategoriseCaseHandler implements ICommandHandler<RecategoriseCase, ResourceResult<CaseView>> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ by, category }: RecategoriseCase): Promise<ResourceResult<CaseView>> {
    const id = await requireListedCategory(this.runner.store, category);
    return runOnCase(this.runner, by, ({ now }) => ({ type: 'RecategoriseCase', category: id, now }));
  }
}
