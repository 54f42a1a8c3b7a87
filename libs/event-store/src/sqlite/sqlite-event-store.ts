import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import {
  AppendResult,
  Clock,
  ExpectedRevision,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  systemClock,
  WrongExpectedRevisionError,
} from '@app/core';
import { EventStore, ReadAllOptions, RowBreak, StreamMetadata, SubscribeOptions, Subscription } from '../event-store.port';
import { eventHashFromText } from '../hash-chain';
import { PollingSubscription } from '../polling-subscription';
import { UpcasterRegistry } from '../upcasters';
import { pingSqlite } from './ping-sqlite';
import { openSqliteFile } from './sqlite-file';
import { AppendRequest, GroupCommit } from './group-commit';
import { importVerbatim } from './import-verbatim';
import { EVENT_STORE_SCHEMA } from './schema';
import { prepareStatements, Statements } from './statements';
import { buildWhere, columnsFor, Row, rowsToEvents, StatementCache } from './sqlite-reads';
import { verifySqliteRows } from './verify-rows';

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:' for tests that need no durability. */
  path: string;
  upcasters?: UpcasterRegistry;
  clock?: Clock;
  /** Group concurrent appends into one transaction (one fsync). Default true. */
  groupCommit?: boolean;
  /** How often subscriptions look for appends made by other processes. */
  pollMs?: number;
  /** Emits 'append' when another process has appended to the same file: subscriptions read at once, not at their next poll. */
  appendSignal?: EventEmitter;
}

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: Clock;
  private readonly appended = new EventEmitter();
  private readonly groupCommit: boolean;
  private readonly pollMs: number;
  private lastRecordedAt = '';
  private closed = false;
  private readonly stmt: Statements;
  private readonly appendTx: Database.Transaction<(req: AppendRequest) => AppendResult>;
  private readonly group: GroupCommit;
  private readonly onSignal = () => this.appended.emit('append');
  private readonly appendSignal?: EventEmitter;
  private readonly cached: StatementCache;

  constructor(options: SqliteEventStoreOptions) {
    this.db = openSqliteFile(options.path);
    this.db.exec(EVENT_STORE_SCHEMA);
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.clock = options.clock ?? systemClock;
    this.groupCommit = options.groupCommit ?? true;
    this.pollMs = options.pollMs ?? 250;
    this.appended.setMaxListeners(0);
    this.appendSignal = options.appendSignal;
    this.appendSignal?.on('append', this.onSignal);
    this.stmt = prepareStatements(this.db);
    this.cached = new StatementCache(this.db);
    this.appendTx = this.db.transaction((req: AppendRequest) => this.appendInTransaction(req));
    this.group = new GroupCommit(this.db, this.appendTx, () => this.appended.emit('append'));
  }

  append(streamId: string, events: NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    if (!events.length) return Promise.reject(new TypeError('append needs at least one event'));
    const expected = options.expectedRevision ?? 'any';
    if (!this.groupCommit) {
      try {
        const result = this.appendTx.immediate({ streamId, events, expected });
        this.appended.emit('append');
        return Promise.resolve(result);
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.group.enqueue({ streamId, events, expected });
  }

  /** Pending appends are committed before the returned promise settles. */
  async drain(): Promise<void> {
    this.group.drain();
  }

  /**
   * Record time never runs backwards in commit order: not within this process, nor after a restart with a clock set
   * back, nor against another process appending to the same file (read inside the append's IMMEDIATE transaction, under the write lock). verify relies
   * on it to tell a moved position from an honest one.
   */
  private nextRecordedAt(): string {
    let now = this.clock.now().toISOString();
    const logHead = (this.stmt.lastRecordedAt.get() as string | undefined) ?? '';
    if (now < this.lastRecordedAt) now = this.lastRecordedAt;
    if (now < logHead) now = logHead;
    this.lastRecordedAt = now;
    return now;
  }

  private appendInTransaction(req: AppendRequest): AppendResult {
    const { streamId, events, expected } = req;
    const head = this.stmt.head.get(streamId) as [number, string | null] | undefined;
    const current = head && head[0] >= 0 ? head[0] : -1;
    checkExpected(streamId, expected, current);
    const recordedAt = this.nextRecordedAt();
    let prevHash = current >= 0 ? (head![1] as string) : null;
    let revision = current;
    let position = 0;
    const recorded: RecordedEvent[] = [];
    // Events of one append often share one metadata object: its canonical text (with the one recordedAt) is made once.
    let metadataSource: unknown = recorded;
    let metadataText = '';
    for (const e of events) {
      revision += 1;
      const metadata = { ...(e.metadata ?? {}), recordedAt };
      const dataText = canonicalize(e.data ?? null) as string;
      if (e.metadata !== metadataSource) {
        metadataSource = e.metadata;
        metadataText = canonicalize(metadata) as string;
      }
      const hash = eventHashFromText(streamId, BigInt(revision), e.type, dataText, metadataText, prevHash);
      const id = e.id ?? randomUUID();
      const info = this.stmt.insert.run(id, streamId, revision, e.type, dataText, metadataText, recordedAt, prevHash, hash);
      position = Number(info.lastInsertRowid);
      recorded.push({
        id,
        streamId,
        revision: BigInt(revision),
        position: BigInt(position),
        type: e.type,
        data: e.data ?? null,
        metadata,
        prevHash,
        hash,
      });
      prevHash = hash;
    }
    this.stmt.upsertHead.run(streamId, revision, prevHash);
    return { nextExpectedRevision: BigInt(revision), position: BigInt(position), events: recorded };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? (this.stmt.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit) as Row[])
        : (this.stmt.forwards.all(streamId, options.fromRevision ?? 0, limit) as Row[]);
    return rowsToEvents(rows, this.upcasters, false);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const { where, params } = buildWhere(options, backwards ? undefined : options.after);
    if (backwards && options.after !== undefined) {
      where.push('position < ?');
      params.push(options.after);
    }
    const sql = `SELECT ${columnsFor(options)} FROM events ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`;
    const rows = this.cached.get(sql).all(...params, options.limit ?? -1) as Row[];
    return rowsToEvents(rows, this.upcasters, options.raw ?? false);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const raw = options.raw ?? false;
    const columns = columnsFor(options);
    return new PollingSubscription(
      {
        readBatch: async (after, limit) => {
          const reached = BigInt(this.stmt.headPosition.get() as number);
          const { where, params } = buildWhere(options, after);
          where.push('position <= ?');
          params.push(reached);
          const rows = this.cached
            .get(`SELECT ${columns} FROM events WHERE ${where.join(' AND ')} ORDER BY position ASC LIMIT ?`)
            .all(...params, limit) as Row[];
          const events = rowsToEvents(rows, this.upcasters, raw);
          return { events, reached: events.length >= limit ? events[events.length - 1].position : reached };
        },
        onAppend: (listener) => {
          this.appended.on('append', listener);
          return () => this.appended.off('append', listener);
        },
      },
      options.after ?? 0n,
      this.pollMs,
    );
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    const text = this.stmt.getMeta.get(streamId) as string | null | undefined;
    return text ? (JSON.parse(text) as StreamMetadata) : undefined;
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    this.stmt.setMeta.run(streamId, JSON.stringify(metadata));
  }

  /** Each stream's recorded head, for verification. */
  async streamHeads(): Promise<Map<string, { revision: bigint; hash: string | null }>> {
    const rows = this.db.prepare('SELECT stream_id, revision, hash FROM streams WHERE revision >= 0').raw().all() as [
      string,
      number,
      string | null,
    ][];
    return new Map(rows.map(([id, revision, hash]) => [id, { revision: BigInt(revision), hash }]));
  }

  /** The first row whose `recorded_at` column or position contradicts its hashed record time (see verifySqliteRows). */
  async verifyRows(): Promise<RowBreak | undefined> {
    await this.drain();
    return verifySqliteRows(this.db);
  }

  /** Imports exported events verbatim: each must continue its stream's chain and carry a hash that matches its content. */
  async importEvents(events: RecordedEvent[]): Promise<number> {
    await this.drain();
    importVerbatim(this.db, this.stmt, events);
    this.appended.emit('append');
    return events.length;
  }

  /** Checkpoints the WAL into the main file (used before copying or inspecting the file). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async headPosition(): Promise<bigint> {
    return BigInt(this.stmt.headPosition.get() as number);
  }

  async ping(): Promise<boolean> {
    return pingSqlite(this.db);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.drain();
    this.closed = true;
    this.appendSignal?.off('append', this.onSignal);
    this.appended.emit('append');
    this.db.close();
  }
}

function checkExpected(streamId: string, expected: ExpectedRevision, current: number): void {
  const actual = current < 0 ? 'no_stream' : BigInt(current);
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current < 0) ||
    (expected === 'stream_exists' && current >= 0) ||
    (typeof expected === 'bigint' && current >= 0 && BigInt(current) === expected);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}
