import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { caseDecider } from '../case.decider';
import { caseStream } from '../case.events';
import { CaseView, toCommandView } from '../case.view';
import { loadCase } from '../load-case';
import { ErasePersonalData } from './erase-personal-data.command';

interface Shredder {
  shred(subject: string): unknown;
}
const canShred = (store: unknown): store is Shredder => typeof (store as Shredder).shred === 'function';

@CommandHandler(ErasePersonalData)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalData, ResourceResult<CaseView>> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ caseId, reason, basis, user }: ErasePersonalData): Promise<ResourceResult<CaseView>> {
    const { store } = this.runner;
    if (!canShred(store)) throw new Error('the event store has no personal-data vault');
    const command = { type: 'ErasePersonalData' as const, reason, basis, now: this.runner.now() };
    const result = await this.runner.run(caseDecider, caseStream(caseId), command, { actor: actorOf(user) });
    await store.shred(caseId);
    // Read again after the shred, so every personal field (the place too) answers as erased, not as it was decided.
    const state = await loadCase(store, caseId);
    const view = toCommandView(state, user, this.runner.now());
    return new ResourceResult(view, result.revision, result.position, { kind: 'case', id: caseId });
  }
}
