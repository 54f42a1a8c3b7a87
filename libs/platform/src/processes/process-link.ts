import { EventEmitter } from 'node:events';

/**
 * What this process is (ARCHITECTURE.md, "Processes (one host)"): `single` does everything (WORKERS=0, the CLI, tests);
 * under the primary, `worker`s serve HTTP and read the read models, the one `projector` runs projections, reactors
 * and schedulers and alone writes the read models.
 */
export type ProcessRole = 'single' | 'worker' | 'projector';

/** The processes as the primary sees them, sent to every worker on each change (for /health/ready and the admin report). */
export interface ClusterState {
  workers: { wanted: number; pids: number[]; restarts: number };
  projector: { pid?: number; restarts: number };
}

/** What the primary and its children say to each other over the cluster's IPC channel. */
export type ProcessMessage =
  /** worker → primary → projector: something was appended; read the log now rather than at the next poll */
  | { synpunkt: 'appended' }
  /** projector → primary → workers: a batch is committed; `minPosition` waiters look again */
  | { synpunkt: 'advanced' }
  /** child → primary: started (the projector: read models open; a worker: listening) */
  | { synpunkt: 'ready'; port?: number }
  /** worker → primary → projector: an administrator's request */
  | { synpunkt: 'projector'; command: 'rebuild' | 'rebuildAll'; name?: string }
  | { synpunkt: 'cluster'; state: ClusterState }
  /** worker → primary: the metrics of every process, combined; and the primary's answer */
  | { synpunkt: 'metrics'; id: number }
  | { synpunkt: 'metrics-result'; id: number; text?: string; error?: string };

export const isProcessMessage = (m: unknown): m is ProcessMessage =>
  typeof m === 'object' && m !== null && typeof (m as { synpunkt?: unknown }).synpunkt === 'string';

/** The IPC channel of a forked process (`process` in a cluster child); a test may pass another. */
export interface ProcessChannel {
  send?(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

const METRICS_TIMEOUT_MS = 5000;

/**
 * This process's line to the primary. Signals ('appended', 'advanced') are coalesced: at most one of each per turn of
 * the event loop, however many appends or batches it saw. Received messages are emitted on `events` by their `synpunkt`.
 */
export class ProcessLink {
  readonly events = new EventEmitter();
  /** The latest state the primary sent (workers only). */
  cluster?: ClusterState;
  private readonly due = new Set<'appended' | 'advanced'>();
  private readonly metricsAsked = new Map<number, (answer: { text?: string; error?: string }) => void>();
  private nextId = 0;
  private readonly receive = (message: unknown) => {
    if (!isProcessMessage(message)) return;
    if (message.synpunkt === 'cluster') this.cluster = message.state;
    if (message.synpunkt === 'metrics-result') this.metricsAsked.get(message.id)?.(message);
    this.events.emit(message.synpunkt, message);
  };

  constructor(
    readonly role: ProcessRole,
    private readonly channel: ProcessChannel | undefined = role === 'single' ? undefined : process,
  ) {
    this.events.setMaxListeners(0);
    channel?.on('message', this.receive);
  }

  send(message: ProcessMessage): void {
    try {
      this.channel?.send?.(message);
    } catch {
      // the primary is gone (this process is about to be stopped too): nothing to tell
    }
  }

  /** A coalesced signal to the primary (see the class). */
  signal(kind: 'appended' | 'advanced'): void {
    if (!this.channel || this.due.has(kind)) return;
    this.due.add(kind);
    setImmediate(() => {
      this.due.delete(kind);
      this.send({ synpunkt: kind });
    });
  }

  /** Every process's metrics, combined by the primary (prom-client's AggregatorRegistry), in Prometheus text. */
  combinedMetrics(): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => answer({ error: `no answer from the primary within ${METRICS_TIMEOUT_MS} ms` }), METRICS_TIMEOUT_MS);
      const answer = ({ text, error }: { text?: string; error?: string }) => {
        clearTimeout(timer);
        this.metricsAsked.delete(id);
        if (error !== undefined) reject(new Error(error));
        else resolve(text ?? '');
      };
      this.metricsAsked.set(id, answer);
      this.send({ synpunkt: 'metrics', id });
    });
  }

  close(): void {
    this.channel?.off('message', this.receive);
    this.events.removeAllListeners();
  }
}
