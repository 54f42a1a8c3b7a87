import Database from 'better-sqlite3';
import { AppendResult, ExpectedRevision, NewEvent } from '@app/core';

/** One append, as the store's append transaction takes it. */
export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

interface PendingAppend extends AppendRequest {
  resolve(result: AppendResult): void;
  reject(err: unknown): void;
}

const MAX_GROUP = 1000;

/**
 * Appends queued within one turn of the event loop commit in one transaction (one fsync); each keeps its own
 * revision check and result, in a savepoint of its own.
 */
export class GroupCommit {
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly groupTx: Database.Transaction<(reqs: PendingAppend[]) => (AppendResult | Error)[]>;

  constructor(
    db: Database.Database,
    private readonly appendTx: Database.Transaction<(req: AppendRequest) => AppendResult>,
    /** Called after every commit: subscriptions read at once. */
    private readonly committed: () => void,
  ) {
    this.groupTx = db.transaction((reqs: PendingAppend[]) =>
      reqs.map((req) => {
        try {
          return this.appendTx(req); // nested: a savepoint of its own
        } catch (err) {
          return err as Error;
        }
      }),
    );
  }

  enqueue(req: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ ...req, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Pending appends are committed before this returns. */
  drain(): void {
    if (this.pending.length) this.flush();
  }

  /** Commits every queued append in one transaction; each keeps its own revision check and result. */
  private flush(): void {
    this.flushScheduled = false;
    while (this.pending.length) {
      const batch = this.pending.splice(0, MAX_GROUP);
      if (batch.length === 1) {
        this.flushOne(batch[0]);
        continue;
      }
      let results: (AppendResult | Error)[];
      try {
        results = this.groupTx.immediate(batch);
      } catch (err) {
        batch.forEach((req) => req.reject(err));
        continue;
      }
      this.committed();
      batch.forEach((req, i) => {
        const r = results[i];
        if (r instanceof Error) req.reject(r);
        else req.resolve(r);
      });
    }
  }

  /**
   * Every append transaction is IMMEDIATE: it takes the log's write lock before its first read, so the stream heads
   * and the newest record time it reads (nextRecordedAt) cannot change under it, even with other processes appending
   * (a deferred one would read a snapshot first and then fail to upgrade it, SQLITE_BUSY, once another process committed).
   *
   * A group of one needs no savepoint: its own transaction commits or rolls back as a whole. (A savepoint makes
   * SQLite copy every page the append touches into a sub-journal first; for a 100-event append that was a third
   * of its cost.)
   */
  private flushOne(req: PendingAppend): void {
    let result: AppendResult;
    try {
      result = this.appendTx.immediate(req);
    } catch (err) {
      req.reject(err);
      return;
    }
    this.committed();
    req.resolve(result);
  }
}
