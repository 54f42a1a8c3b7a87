import { RecordedEvent } from '@app/core';
import { EventFilter, EventStore, Subscription } from '@app/event-store';
import { describeFailure } from './apply-events';
import { EventBatcher } from './event-batcher';
import type { Checkpoint } from './checkpoint-table';
import { FailedEvent, ProjectionState, ProjectionStatus } from './projection';
import { ReadModelStore } from './read-model-store';

export interface WorkerContext {
  store: EventStore;
  readModels: ReadModelStore;
  batchSize: number;
  /** Called after every committed batch and every state change, to wake waiters. */
  onProgress(): void;
  /** Called when a worker failed (the runner restarts one that failed on the way to the log: see isTransientStoreError). */
  onFailure?(worker: Worker, err: unknown): void;
}

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const max = (a: bigint, b: bigint) => (a > b ? a : b);

/** One subscription from a checkpoint, processed batch by batch; a failure stops it and keeps the checkpoint. */
export abstract class Worker {
  state: ProjectionState = 'stopped';
  error?: string;
  failedEvent?: FailedEvent;
  checkpoint = 0n;
  /** A real log position (checkpoint or head) up to which no unapplied event passes the filter. */
  private scanned = 0n;
  /** The first event after the checkpoint that passes the filter, once a scan found it, and the position of the event before it. */
  private nextMatch?: { at: bigint; before: bigint };
  /** Set by halt(): a worker in the middle of a batch may stop early (the checkpoint tells where). */
  protected halting = false;
  private persisted?: ProjectionState;
  /** Why the subscription is retrying (the log is out of reach), or why a restart is pending; undefined when reading. */
  retrying?: string;
  private subscription?: Subscription;
  private loop?: Promise<void>;

  /** Projections never need personal data: they read it sealed, which spares a decryption per event. */
  protected get sealed(): boolean {
    return this.kind === 'projection';
  }

  protected constructor(
    readonly kind: 'projection' | 'reactor',
    readonly name: string,
    readonly filter: EventFilter | undefined,
    protected readonly ctx: WorkerContext,
  ) {}

  /** Handles one batch; throws to fail (an ApplyError names the event). Updates `checkpoint` as it commits. */
  protected abstract process(events: RecordedEvent[]): Promise<void> | void;

  get running(): boolean {
    return this.loop !== undefined;
  }

  run(): void {
    if (this.loop) return;
    this.halting = false;
    this.setState('catching_up');
    const lean = this.kind === 'projection'; // see ProjectedEvent
    const onRetry = (reason: string | undefined) => {
      this.retrying = reason;
      this.ctx.onProgress();
    };
    const subscription = this.ctx.store.subscribe({ ...this.filter, after: this.checkpoint, sealed: this.sealed, lean, onRetry });
    this.subscription = subscription;
    this.loop = this.consume(subscription).finally(() => {
      this.loop = undefined;
      this.subscription = undefined;
    });
  }

  /** Stops the subscription after the batch in hand; a failed worker stays failed. */
  async halt(): Promise<void> {
    this.halting = true;
    await this.subscription?.close();
    await this.loop;
    if (this.state !== 'failed') this.setState('stopped');
  }

  /** Every event up to the returned position that concerns this worker is applied. */
  async reached(head: bigint): Promise<bigint> {
    if (this.nextMatch !== undefined && this.nextMatch.at > this.checkpoint) return max(this.nextMatch.before, this.checkpoint);
    this.nextMatch = undefined;
    // Positions are opaque (KurrentDB's are byte offsets): scans start from a real position, and "just before the next
    // match" is the position of the event before it, read back, never `position - 1`.
    const from = max(this.checkpoint, this.scanned);
    if (from >= head) return from;
    const [next] = await this.ctx.store.readAll({ ...this.filter, after: from, limit: 1, raw: true });
    if (next && next.position <= head) {
      const [before] = await this.ctx.store.readAll({ direction: 'backwards', after: next.position, limit: 1, raw: true });
      this.nextMatch = { at: next.position, before: before?.position ?? 0n };
      return max(this.nextMatch.before, this.checkpoint);
    }
    this.scanned = head;
    return head;
  }

  async status(head: bigint): Promise<ProjectionStatus> {
    const position = await this.reached(head);
    return { ...this.statusBase(head, position), state: this.stateAt(position, head) };
  }

  /** The state to report: the stored status says 'catching_up' for live too (see setState); at the head it is live. */
  protected stateAt(position: bigint, head: bigint): ProjectionState {
    return this.state === 'catching_up' && position >= head ? 'live' : this.state;
  }

  /** A follower's view (ProjectionRunnerOptions.follower): what the process that runs this worker last stored. */
  follow(cp: Checkpoint | undefined): void {
    this.checkpoint = cp?.position ?? 0n;
    this.state = cp?.status ?? 'stopped';
    this.error = cp?.error ?? undefined;
  }

  protected statusBase(head: bigint, position: bigint) {
    return {
      name: this.name,
      kind: this.kind,
      checkpoint: this.checkpoint,
      position,
      head,
      lagSeconds: 0, // the runner dates it: see RecordTimeLag
      ...(this.retrying ? { retrying: this.retrying } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.failedEvent ? { failedEvent: this.failedEvent } : {}),
    };
  }

  protected setState(state: ProjectionState, error: string | null = null): void {
    this.state = state;
    // live ⇄ catching_up flips are not worth a write: the file records 'catching_up' for both
    const stored = state === 'live' ? 'catching_up' : state;
    try {
      if (stored !== this.persisted || error) this.ctx.readModels.checkpoints.setStatus(this.name, stored, error);
      this.persisted = stored;
    } catch {
      // The stored status is informative only; the in-memory state is what status() reports.
    }
    this.ctx.onProgress();
  }

  fail(err: unknown): void {
    const { message, event } = describeFailure(err);
    this.failedEvent = event;
    this.error = message;
    this.setState('failed', this.error);
  }

  private async consume(subscription: Subscription): Promise<void> {
    this.error = undefined;
    this.failedEvent = undefined;
    const batcher = new EventBatcher(subscription, this.ctx.batchSize);
    try {
      for (;;) {
        const events = await batcher.next(() => this.state === 'catching_up' && this.setState('live'));
        if (!events) return;
        await this.process(events);
        this.setState(events.length >= this.ctx.batchSize ? 'catching_up' : 'live');
        await yieldTurn(); // long catch-ups share the event loop with requests and the other workers
      }
    } catch (err) {
      this.fail(err);
      this.ctx.onFailure?.(this, err);
    } finally {
      await subscription.close();
    }
  }
}
