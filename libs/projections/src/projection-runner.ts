import { RecordedEvent } from '@app/core';
import { EventStore, matchesFilter, Subscription } from '@app/event-store';
import { Projection, ProjectionState, ProjectionStatus, Reactor } from './projection';
import { ReadModelStore } from './read-model-store';

interface Worker {
  kind: 'projection' | 'reactor';
  name: string;
  projection?: Projection;
  reactor?: Reactor;
  generation: number;
  position: bigint;
  state: ProjectionState;
  error?: string;
  subscription?: Subscription;
  loop?: Promise<void>;
}

const BATCH = 500;
const REBUILD_PAGE = 5000;

/**
 * Runs projections and reactors over the durable log from their checkpoints. A projection's events and its
 * checkpoint are written in one transaction; a failing event stops that worker (visible in status) and is never skipped.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, Worker>();
  private readonly waiters = new Set<() => void>();
  private started = false;

  constructor(
    private readonly store: EventStore,
    readonly readModels: ReadModelStore,
  ) {}

  register(projection: Projection): void {
    this.add({ kind: 'projection', name: projection.name, projection, generation: 0, position: 0n, state: 'stopped' });
  }

  registerReactor(reactor: Reactor): void {
    this.add({ kind: 'reactor', name: reactor.name, reactor, generation: 0, position: 0n, state: 'stopped' });
  }

  private add(worker: Worker): void {
    if (this.workers.has(worker.name)) throw new Error(`${worker.name} is already registered`);
    this.workers.set(worker.name, worker);
    if (this.started) void this.startWorker(worker);
  }

  async start(): Promise<void> {
    this.started = true;
    for (const w of this.workers.values()) await this.startWorker(w);
  }

  private async startWorker(w: Worker): Promise<void> {
    const cp = this.readModels.checkpoint(w.name);
    if (w.projection) {
      const p = w.projection;
      if (!cp || cp.version !== p.version) {
        // First start or a new version: build a fresh generation from position 0 before serving it.
        const generation = (cp?.generation ?? 0) + 1;
        w.state = 'rebuilding';
        const position = await this.buildGeneration(p, generation, 0n);
        this.readModels.db.transaction(() => {
          this.readModels.pointViews(p, generation);
          this.readModels.saveCheckpoint({ name: p.name, version: p.version, generation, position });
        })();
        if (cp) this.readModels.dropGeneration(p, cp.generation);
        w.generation = generation;
        w.position = position;
      } else {
        w.generation = cp.generation;
        w.position = cp.position;
      }
    } else {
      w.position = cp?.position ?? 0n;
    }
    this.run(w);
  }

  private run(w: Worker): void {
    w.state = 'catching_up';
    w.error = undefined;
    const sub = this.store.subscribe({ after: w.position });
    w.subscription = sub;
    void this.store.headPosition().then((head) => {
      if (w.state === 'catching_up' && w.position >= head) w.state = 'live';
    });
    w.loop = (async () => {
      const batch: RecordedEvent[] = [];
      let flushScheduled: Promise<void> | undefined;
      try {
        for await (const event of sub) {
          batch.push(event);
          if (batch.length >= BATCH) await this.flush(w, batch.splice(0));
          else
            flushScheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
              flushScheduled = undefined;
              if (batch.length) await this.flush(w, batch.splice(0));
            });
          if (w.state === 'failed') break;
        }
        if (batch.length && w.state !== 'failed') await this.flush(w, batch.splice(0));
      } catch (err) {
        this.fail(w, err, undefined);
      } finally {
        await sub.close();
      }
    })();
  }

  private async flush(w: Worker, events: RecordedEvent[]): Promise<void> {
    if (w.state === 'failed' || !events.length) return;
    if (w.projection) this.applyProjection(w, events);
    else await this.applyReactor(w, events);
    if ((w.state as ProjectionState) !== 'failed') {
      const head = await this.store.headPosition();
      w.state = w.position >= head ? 'live' : 'catching_up';
      this.notify();
    }
  }

  private applyProjection(w: Worker, events: RecordedEvent[]): void {
    const p = w.projection!;
    const tx = this.readModels.tx(p, w.generation);
    const applyAll = this.readModels.db.transaction((list: RecordedEvent[]) => {
      for (const e of list) if (matchesFilter(p.filter ?? {}, e.streamId, e.type)) p.apply(tx, e);
      const last = list[list.length - 1].position;
      this.readModels.saveCheckpoint({ name: p.name, version: p.version, generation: w.generation, position: last });
      return last;
    });
    try {
      w.position = applyAll(events);
    } catch {
      // Find the failing event: commit the good ones before it one by one, then stop there.
      for (const e of events) {
        try {
          w.position = applyAll([e]);
        } catch (err) {
          this.fail(w, err, e);
          return;
        }
      }
    }
  }

  private async applyReactor(w: Worker, events: RecordedEvent[]): Promise<void> {
    const r = w.reactor!;
    for (const e of events) {
      try {
        if (matchesFilter(r.filter ?? {}, e.streamId, e.type)) await r.handle(e);
      } catch (err) {
        this.fail(w, err, e);
        return;
      }
      w.position = e.position;
      this.readModels.saveCheckpoint({ name: r.name, version: 0, generation: 0, position: e.position });
    }
  }

  private fail(w: Worker, err: unknown, event: RecordedEvent | undefined): void {
    w.state = 'failed';
    const where = event ? ` at position ${event.position} (${event.type} in ${event.streamId})` : '';
    w.error = `${err instanceof Error ? err.message : String(err)}${where}`;
    void w.subscription?.close();
    this.notify();
  }

  /** Folds the log from `after` into the given generation's tables (fresh), returning the position reached. */
  private async buildGeneration(p: Projection, generation: number, after: bigint, create = true): Promise<bigint> {
    if (create) this.readModels.createGeneration(p, generation);
    const tx = this.readModels.tx(p, generation);
    let position = after;
    const applyPage = this.readModels.db.transaction((page: RecordedEvent[]) => {
      for (const e of page) if (matchesFilter(p.filter ?? {}, e.streamId, e.type)) p.apply(tx, e);
    });
    for (;;) {
      const page = await this.store.readAll({ after: position, limit: REBUILD_PAGE });
      if (!page.length) return position;
      applyPage(page);
      position = page[page.length - 1].position;
    }
  }

  /** Builds the projection anew from position 0 while the old generation keeps serving, then swaps atomically. */
  async rebuild(name: string): Promise<void> {
    const w = this.workers.get(name);
    if (!w?.projection) throw new Error(`no projection named ${name}`);
    const p = w.projection;
    const next = w.generation + 1;
    const previousState = w.state;
    let position = await this.buildGeneration(p, next, 0n);
    // Stop the live worker, catch the new generation up to the head, and swap in one transaction.
    await w.subscription?.close();
    await w.loop;
    w.state = 'rebuilding';
    position = await this.buildGeneration(p, next, position, false);
    const old = w.generation;
    this.readModels.db.transaction(() => {
      this.readModels.pointViews(p, next);
      this.readModels.saveCheckpoint({ name: p.name, version: p.version, generation: next, position });
    })();
    this.readModels.dropGeneration(p, old);
    w.generation = next;
    w.position = position;
    if (previousState !== 'stopped' || this.started) this.run(w);
  }

  /** Resolves true once every worker (or the named one) has reached `position`; false on timeout or failure. */
  async waitFor(position: bigint, timeoutMs: number, name?: string): Promise<boolean> {
    const reached = () => [...this.workers.values()].filter((w) => !name || w.name === name).every((w) => w.position >= position);
    if (reached()) return true;
    return new Promise<boolean>((resolve) => {
      const check = () => {
        if (reached()) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return [...this.workers.values()].map((w) => ({
      name: w.name,
      kind: w.kind,
      position: w.position,
      head,
      lag: Number(head > w.position ? head - w.position : 0n),
      state: w.state,
      ...(w.error ? { error: w.error } : {}),
    }));
  }

  /** Restarts a failed worker from its checkpoint (after the cause is fixed). */
  restart(name: string): void {
    const w = this.workers.get(name);
    if (!w) throw new Error(`no worker named ${name}`);
    if (w.state === 'failed' || w.state === 'stopped') this.run(w);
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const w of this.workers.values()) {
      await w.subscription?.close();
      await w.loop;
      if (w.state !== 'failed') w.state = 'stopped';
    }
  }
}
