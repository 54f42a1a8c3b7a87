import { RecordedEvent } from '@app/core';
import { applyUpToFailure } from './apply-events';
import type { Checkpoint } from './checkpoint-table';
import { Projection, ProjectionStatus } from './projection';
import { Worker, WorkerContext } from './worker';

/** Keeps one projection's live generation up to date, events and checkpoint in one transaction per batch. */
export class ProjectionWorker extends Worker {
  generation = 0;
  /** Version the live generation was built with (0: none yet). */
  builtVersion = 0;
  /** Set while a rebuild runs; `upgrade` when the live generation was built by another version and is not updated meanwhile. */
  rebuild?: { generation: number; position: bigint; upgrade: boolean };

  constructor(
    readonly projection: Projection,
    ctx: WorkerContext,
  ) {
    super('projection', projection.name, projection.filter, ctx);
    this.load();
  }

  /** Reads the stored checkpoint; true when the live generation can be served and updated as it is. */
  load(): boolean {
    const cp = this.ctx.readModels.checkpoints.get(this.name);
    this.generation = cp?.generation ?? 0;
    this.builtVersion = cp?.version ?? 0;
    this.checkpoint = cp?.position ?? 0n;
    return !!cp && cp.version === this.projection.version && this.ctx.readModels.hasGeneration(this.projection, cp.generation);
  }

  /** Whether readers see data built by the current code. */
  get current(): boolean {
    return this.builtVersion === this.projection.version && !this.rebuild?.upgrade;
  }

  override follow(cp: Checkpoint | undefined): void {
    super.follow(cp);
    this.generation = cp?.generation ?? 0;
    this.builtVersion = cp?.version ?? 0;
  }

  adopt(generation: number, position: bigint): void {
    this.generation = generation;
    this.builtVersion = this.projection.version;
    this.checkpoint = position;
  }

  override async status(head: bigint): Promise<ProjectionStatus> {
    const build = this.rebuild;
    // During an upgrade readers still see the old version: progress is the new generation's.
    const position = build?.upgrade ? build.position : await this.reached(head);
    return {
      ...this.statusBase(head, position),
      state: this.state === 'failed' ? 'failed' : build ? 'rebuilding' : this.stateAt(position, head),
      generation: this.generation,
      version: this.builtVersion,
      ...(build ? { rebuild: { generation: build.generation, position: build.position } } : {}),
    };
  }

  protected process(events: RecordedEvent[]): void {
    applyUpToFailure(this.ctx.readModels, this.projection, this.generation, events, true, (position) => {
      this.checkpoint = position;
    });
  }
}
