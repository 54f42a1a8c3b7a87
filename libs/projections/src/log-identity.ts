import type Database from 'better-sqlite3';
import { EventStore } from '@app/event-store';
import { ProjectionWorker } from './projection-worker';
import { ReadModelStore } from './read-model-store';
import { Worker } from './worker';

/** The log a read-model file was built from: its kind and its first event (id, and position: a re-import moves it). */
export interface LogIdentity {
  kind: string;
  firstEventId: string;
  firstPosition: string;
}

/** The log by its first event; undefined while it is empty. */
export async function identifyLog(store: EventStore): Promise<LogIdentity | undefined> {
  const [first] = await store.readAll({ limit: 1, raw: true });
  return first ? { kind: store.kind, firstEventId: first.id, firstPosition: first.position.toString() } : undefined;
}

export const sameLog = (a: LogIdentity, b: LogIdentity) =>
  a.kind === b.kind && a.firstEventId === b.firstEventId && a.firstPosition === b.firstPosition;

/** One row in `read_model_log`: written once the log has a first event, compared at every start (ProjectionRunner). */
export class LogIdentityTable {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS read_model_log (
      id INTEGER PRIMARY KEY CHECK (id = 1), kind TEXT NOT NULL, first_event_id TEXT NOT NULL, first_position TEXT NOT NULL)`);
  }

  get(): LogIdentity | undefined {
    const row = this.db.prepare('SELECT kind, first_event_id, first_position FROM read_model_log WHERE id = 1').get() as
      | { kind: string; first_event_id: string; first_position: string }
      | undefined;
    return row && { kind: row.kind, firstEventId: row.first_event_id, firstPosition: row.first_position };
  }

  /** Records the log once it has a first event; false while it is empty. */
  async record(store: EventStore): Promise<boolean> {
    const log = await identifyLog(store);
    if (log) this.set(log);
    return !!log;
  }

  set(log: LogIdentity): void {
    this.db
      .prepare(
        `INSERT INTO read_model_log (id, kind, first_event_id, first_position) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, first_event_id = excluded.first_event_id, first_position = excluded.first_position`,
      )
      .run(log.kind, log.firstEventId, log.firstPosition);
  }
}

/** Read models built from another log: each projection's generations go, and every worker starts from the beginning. */
export function forgetLog(readModels: ReadModelStore, workers: Iterable<Worker>): void {
  for (const worker of workers) {
    // generation 0 and version 0: the runner's prepare() finds the projection new and installs generation 1
    readModels.checkpoints.save({ name: worker.name, version: 0, generation: 0, position: 0n, status: 'stopped' });
    if (worker instanceof ProjectionWorker) {
      readModels.dropOtherGenerations(worker.projection, 0);
      worker.load();
    } else worker.checkpoint = 0n;
  }
}
