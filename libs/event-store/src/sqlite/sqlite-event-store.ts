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
import { EventFilter, EventStore, ReadAllOptions, RowBreak, StreamMetadata, SubscribeOptions, Subscription } from '../event-store.port';
import { eventHashFromText } from '../hash-chain';
import { PollingSubscription } from '../polling-subscription';
import { UpcasterRegistry } from '../upcasters';
import { pingSqlite } from './ping-sqlite';
import { EVENT_STORE_SCHEMA } from './schema';
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

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(err: unknown): void;
}

type Row = [number, string, string, number, string, string, string, string | null, string];
const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, prev_hash, hash';
/** The same row shape without the id and the hashes (ReadAllOptions.lean): three long strings fewer per event. */
const LEAN_COLUMNS = 'position, NULL, stream_id, revision, type, data, metadata, NULL, NULL';
const columnsFor = (options: { lean?: boolean }) => (options.lean ? LEAN_COLUMNS : COLUMNS);
const MAX_GROUP = 1000;

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: Clock;
  private readonly appended = new EventEmitter();
  private readonly groupCommit: boolean;
  private readonly pollMs: number;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private lastRecordedAt = '';
  private closed = false;
  private readonly stmt: ReturnType<SqliteEventStore['prepare']>;
  private readonly appendTx: Database.Transaction<(req: PendingAppend) => AppendResult>;
  private readonly groupTx: Database.Transaction<(reqs: PendingAppend[]) => (AppendResult | Error)[]>;
  private readonly onSignal = () => this.appended.emit('append');
  private readonly appendSignal?: EventEmitter;

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(EVENT_STORE_SCHEMA);
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.clock = options.clock ?? systemClock;
    this.groupCommit = options.groupCommit ?? true;
    this.pollMs = options.pollMs ?? 250;
    this.appended.setMaxListeners(0);
    this.appendSignal = options.appendSignal;
    this.appendSignal?.on('append', this.onSignal);
    this.stmt = this.prepare();
    this.appendTx = this.db.transaction((req: PendingAppend) => this.appendInTransaction(req));
    this.groupTx = this.db.transaction((reqs: PendingAppend[]) =>
      reqs.map((req) => {
        try {
          return this.appendTx(req); // nested: a savepoint of its own
        } catch (err) {
          return err as Error;
        }
      }),
    );
  }

  private prepare() {
    const db = this.db;
    return {
      head: db.prepare('SELECT revision, hash FROM streams WHERE stream_id = ?').raw(),
      upsertHead: db.prepare(
        `INSERT INTO streams (stream_id, revision, hash) VALUES (?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash`,
      ),
      insert: db.prepare(
        `INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      forwards: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`).raw(),
      backwards: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`).raw(),
      headPosition: db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
      lastRecordedAt: db.prepare('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1').pluck(),
      getMeta: db.prepare('SELECT metadata FROM streams WHERE stream_id = ?').pluck(),
      setMeta: db.prepare(
        `INSERT INTO streams (stream_id, revision, hash, metadata) VALUES (?, -1, NULL, ?)
         ON CONFLICT (stream_id) DO UPDATE SET metadata = excluded.metadata`,
      ),
    };
  }

  append(streamId: string, events: NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    if (!events.length) return Promise.reject(new TypeError('append needs at least one event'));
    const expected = options.expectedRevision ?? 'any';
    if (!this.groupCommit) {
      try {
        const result = this.appendTx.immediate({ streamId, events, expected, resolve: () => {}, reject: () => {} });
        this.appended.emit('append');
        return Promise.resolve(result);
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
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
      this.appended.emit('append');
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
    this.appended.emit('append');
    req.resolve(result);
  }

  /** Pending appends are committed before the returned promise settles. */
  async drain(): Promise<void> {
    if (this.pending.length) this.flush();
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

  private appendInTransaction(req: PendingAppend): AppendResult {
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
    return this.toEvents(rows, false);
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
    const rows = this.cached(sql).all(...params, options.limit ?? -1) as Row[];
    return this.toEvents(rows, options.raw ?? false);
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
          const rows = this.cached(`SELECT ${columns} FROM events WHERE ${where.join(' AND ')} ORDER BY position ASC LIMIT ?`).all(
            ...params,
            limit,
          ) as Row[];
          const events = this.toEvents(rows, raw);
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
    const insert = this.db.transaction((list: RecordedEvent[]) => {
      for (const e of list) {
        const head = this.stmt.head.get(e.streamId) as [number, string | null] | undefined;
        const current = head && head[0] >= 0 ? head[0] : -1;
        if (BigInt(current + 1) !== e.revision) {
          throw new WrongExpectedRevisionError(e.streamId, e.revision - 1n, current < 0 ? 'no_stream' : BigInt(current));
        }
        if ((current >= 0 ? head![1] : null) !== e.prevHash)
          throw new Error(`import: ${e.streamId}@${e.revision} does not link to the stream's head`);
        const dataText = canonicalize(e.data ?? null) as string;
        const metadataText = canonicalize(e.metadata) as string;
        if (eventHashFromText(e.streamId, e.revision, e.type, dataText, metadataText, e.prevHash) !== e.hash) {
          throw new Error(`import: ${e.streamId}@${e.revision} does not match its hash`);
        }
        this.stmt.insert.run(
          e.id,
          e.streamId,
          Number(e.revision),
          e.type,
          dataText,
          metadataText,
          String(e.metadata.recordedAt),
          e.prevHash,
          e.hash,
        );
        this.stmt.upsertHead.run(e.streamId, Number(e.revision), e.hash);
      }
    });
    insert.immediate(events);
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

  private readonly statements = new Map<string, Database.Statement>();

  /** Read queries differ only by filter shape; each shape is prepared once. */
  private cached(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).raw();
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * Events appended together share one metadata text (see appendInTransaction); consecutive rows with the same text
   * share one parsed, frozen metadata object instead of parsing it again. Parsing metadata cost as much as parsing data.
   */
  private toEvents(rows: Row[], raw: boolean): RecordedEvent[] {
    const upcast = !raw && this.upcasters.size > 0;
    let metadataText: string | undefined;
    let metadata: RecordedEvent['metadata'] | undefined;
    const events = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r[6] !== metadataText) {
        metadataText = r[6];
        metadata = deepFreeze(JSON.parse(metadataText));
      }
      const event: RecordedEvent = {
        position: BigInt(r[0]),
        id: r[1],
        streamId: r[2],
        revision: BigInt(r[3]),
        type: r[4],
        data: JSON.parse(r[5]),
        metadata: metadata!,
        prevHash: r[7],
        hash: r[8],
      };
      events[i] = upcast ? this.upcasters.upcast(event) : event;
    }
    return events;
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

function buildWhere(filter: EventFilter & { recordedUntil?: Date }, after: bigint | undefined) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (after !== undefined) {
    where.push('position > ?');
    params.push(after);
  }
  if (filter.types?.length) {
    where.push(`type IN (${filter.types.map(() => '?').join(', ')})`);
    params.push(...filter.types);
  }
  if (filter.streamPrefix !== undefined) {
    const prefixes = Array.isArray(filter.streamPrefix) ? filter.streamPrefix : [filter.streamPrefix];
    if (prefixes.length) {
      // Not an index range on stream_id: reads are ordered by position, and a wide prefix would make SQLite sort
      // the whole range to find the first rows. The position order (rowid) scan with this test stays cheap.
      where.push(`(${prefixes.map(() => 'substr(stream_id, 1, ?) = ?').join(' OR ')})`);
      for (const p of prefixes) params.push(p.length, p);
    }
  }
  if (filter.partition) {
    // streamPartition in SQL: the code of the last character (a UTF-16 code for ids in the Basic Multilingual Plane)
    where.push('unicode(substr(stream_id, -1)) % ? = ?');
    params.push(filter.partition.count, filter.partition.index);
  }
  if (filter.recordedUntil) {
    where.push('recorded_at <= ?');
    params.push(filter.recordedUntil.toISOString());
  }
  return { where, params };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
