import { RecordedEvent } from '@app/core';
import { matchesFilter } from '@app/event-store';
import { ApplyError } from './apply-events';
import { Reactor } from './projection';
import { Worker, WorkerContext } from './worker';

/** Runs a reactor: the checkpoint moves only after `handle` succeeded, so delivery is at-least-once. */
export class ReactorWorker extends Worker {
  constructor(
    readonly reactor: Reactor,
    ctx: WorkerContext,
  ) {
    super('reactor', reactor.name, reactor.filter, ctx);
    const cp = ctx.readModels.checkpoints.get(reactor.name);
    if (!cp && !ctx.readModels.readonly)
      ctx.readModels.checkpoints.save({ name: reactor.name, version: 0, generation: 0, position: 0n, status: 'stopped' });
    this.checkpoint = cp?.position ?? 0n;
  }

  protected override get sealed(): boolean {
    return this.reactor.sealed ?? false;
  }

  protected async process(events: RecordedEvent[]): Promise<void> {
    const filter = this.reactor.filter ?? {};
    for (const event of events) {
      if (this.halting) return;
      if (matchesFilter(filter, event.streamId, event.type)) {
        try {
          await this.reactor.handle(event);
        } catch (err) {
          throw new ApplyError(event, err);
        }
      }
      this.ctx.readModels.checkpoints.advance(this.name, event.position);
      this.checkpoint = event.position;
    }
  }
}
