import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { CheckpointTable } from './checkpoint-table';
import {
  createGenerationIndexes,
  createGenerationTables,
  dropGenerationTables,
  existingGenerations,
  generationComplete,
  physicalTableName,
  pointViews,
} from './generation-tables';
import { Projection, ProjectionTx } from './projection';

const MAX_CACHED_STATEMENTS = 500;
/** SQLite's default: a WAL checkpoint once the log holds this many pages (4 MB). */
const CHECKPOINT_PAGES = 1000;
/** While rebuilds write (withBulkWrites): 400 MB. */
const BULK_CHECKPOINT_PAGES = 100_000;

/**
 * The SQLite file that holds every read model (all generations) and the checkpoints. Readers query the stable
 * views through `all`/`get`, which refuse statements that write.
 */
export class ReadModelStore {
  readonly db: Database.Database;
  readonly checkpoints: CheckpointTable;
  private readonly statements = new Map<string, Database.Statement>();
  private bulkWrites = 0;
  /** Opened for reading only: an HTTP worker beside the projector, the one process that writes this file. */
  readonly readonly: boolean;

  /**
   * `path`: a file (e.g. DATA_DIR/read-models.sqlite) or ':memory:'. `scratch`: a rebuild thread's throwaway file,
   * written by one connection and discarded on any failure, so without journal or syncs. `readonly`: a file another
   * process writes (and has created).
   */
  constructor(path: string, options: { scratch?: boolean; readonly?: boolean } = {}) {
    this.readonly = options.readonly ?? false;
    this.db = new Database(path, this.readonly ? { readonly: true, fileMustExist: true } : {});
    if (!this.readonly) {
      this.db.pragma(options.scratch ? 'journal_mode = OFF' : 'journal_mode = WAL');
      this.db.pragma(options.scratch ? 'synchronous = OFF' : 'synchronous = NORMAL'); // read models can always be rebuilt from the log
    }
    this.db.pragma('busy_timeout = 5000');
    // Projections update rows by key all over tables of tens of MB: with SQLite's default 2 MB page cache, a
    // rebuild spent a tenth of its time re-reading pages. This is a ceiling, not an allocation.
    this.db.pragma('cache_size = -65536');
    this.checkpoints = new CheckpointTable(this.db, this.readonly);
  }

  /**
   * Runs a rebuild with SQLite's WAL checkpoints held back: a checkpoint syncs the file, and a rebuild that writes
   * hundreds of MB paid one every 4 MB (the default 1,000 pages). When the last such run ends, one checkpoint copies
   * the log into the file on a thread of its own (another connection; PASSIVE, so it holds up no reader or writer).
   * The usual checkpoints come back only once it is done: until then the first commit after the rebuild (a worker's
   * status, say) would copy the whole log itself, on this thread (2.5 s at 1M events).
   */
  async withBulkWrites<T>(work: () => Promise<T>): Promise<T> {
    if (this.bulkWrites++ === 0) this.db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
    try {
      return await work();
    } finally {
      if (--this.bulkWrites === 0 && this.db.open) this.checkpointAfterBulk();
    }
  }

  private checkpointAfterBulk(): void {
    this.settled = checkpointAside(this.db.name).then((frames) => {
      // a rebuild that began meanwhile keeps them held back, and its own end does this
      if (this.bulkWrites === 0 && this.db.open) {
        try {
          this.dropRetired();
        } catch {
          // left for close(), or as leftovers for the next start (dropOtherGenerations); readers are on the new views
        }
        this.db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
      }
      return frames;
    });
  }

  /**
   * The work after the last rebuild (see withBulkWrites): the checkpoint on its thread, then the swapped-out
   * generations dropped. Resolves with the frames the checkpoint copied into the file.
   */
  settled: Promise<number> = Promise.resolve(0);

  /** Read-only query against the views, e.g. `all('SELECT * FROM units WHERE district = ?', 'Norr')`. */
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
    return this.reader(sql).all(...params) as T[];
  }

  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined {
    return this.reader(sql).get(...params) as T | undefined;
  }

  /** Same as `all`, with the parameters as one array. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): T[] {
    return this.all<T>(sql, ...params);
  }

  /** The handle a projection writes one generation's tables through. */
  tx(projection: Projection, generation: number, scope: object = {}): ProjectionTx {
    const names = new Map(Object.keys(projection.tables).map((l) => [l, physicalTableName(l, generation)]));
    const prepare = (sql: string) => this.prepare(sql);
    return {
      db: this.db,
      scope,
      table(logical) {
        const name = names.get(logical);
        if (!name) throw new Error(`projection ${projection.name} has no table "${logical}"`);
        return name;
      },
      run: (sql, ...params) => prepare(sql).run(...params),
      get: <T>(sql: string, ...params: unknown[]) => prepare(sql).get(...params) as T | undefined,
      all: <T>(sql: string, ...params: unknown[]) => prepare(sql).all(...params) as T[],
    };
  }

  /** First start: generation 1, its views and a checkpoint at 0, in one transaction. */
  install(projection: Projection): void {
    this.db.transaction(() => {
      createGenerationTables(this.db, projection, 1);
      pointViews(this.db, projection, 1);
      this.checkpoints.save({ name: projection.name, version: projection.version, generation: 1, position: 0n, status: 'stopped' });
    })();
  }

  /** A new generation's tables; without indexes for a bulk fold, which then calls createIndexes. */
  createGeneration(projection: Projection, generation: number, withIndexes = true): void {
    this.db.transaction(() => createGenerationTables(this.db, projection, generation, withIndexes))();
  }

  createIndexes(projection: Projection, generation: number): void {
    this.db.transaction(() => createGenerationIndexes(this.db, projection, generation))();
  }

  /** Readers move from one generation to the next at once: views and checkpoint in one transaction. */
  swapGeneration(projection: Projection, from: number, to: number, position: bigint): void {
    this.db.transaction(() => {
      pointViews(this.db, projection, to);
      this.checkpoints.save({ name: projection.name, version: projection.version, generation: to, position, status: 'rebuilding' });
    })();
    // Dropping reads every page of the old tables, and with a rebuild's WAL in front of the file each read costs far
    // more (2.2 s instead of 0.35 s at 1M events): during a rebuild the drop waits for its checkpoint.
    if (this.bulkWrites > 0) this.retired.push({ projection, generation: from });
    else this.dropGeneration(projection, from);
  }

  /** Generations swapped out during a rebuild, dropped once its checkpoint is done (or at close). */
  private retired: { projection: Projection; generation: number }[] = [];

  private dropRetired(): void {
    while (this.retired.length) {
      const { projection, generation } = this.retired[0];
      this.dropGeneration(projection, generation);
      this.retired.shift(); // only once dropped: one that fails stays for the next try
    }
  }

  /**
   * Copies a generation's rows from another file with the same tables (a rebuild thread's scratch file) into its tables
   * here. Rows of the tables in `partitioned.sums` that meet one here by key are added to it; any other row that meets
   * one fails the copy (a projection that wrongly says it is partitioned).
   */
  copyGeneration(from: string, projection: Projection, generation: number): void {
    this.db.prepare('ATTACH DATABASE ? AS scratch').run(from);
    try {
      this.db.transaction(() => {
        for (const logical of Object.keys(projection.tables)) {
          const table = physicalTableName(logical, generation);
          const sum = projection.partitioned?.sums?.[logical];
          const merge = sum
            ? ` WHERE true ON CONFLICT (${sum.key.join(', ')}) DO UPDATE SET ${sum.add.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
            : '';
          this.db.exec(`INSERT INTO main."${table}" SELECT * FROM scratch."${table}"${merge}`);
        }
      })();
    } finally {
      this.db.exec('DETACH DATABASE scratch');
    }
  }

  dropGeneration(projection: Projection, generation: number): void {
    this.db.transaction(() => dropGenerationTables(this.db, projection, generation))();
    this.statements.clear();
  }

  /** Removes leftovers of an interrupted rebuild: every generation except `keep`. */
  dropOtherGenerations(projection: Projection, keep: number): void {
    for (const g of existingGenerations(this.db, projection)) if (g !== keep) this.dropGeneration(projection, g);
  }

  hasGeneration(projection: Projection, generation: number): boolean {
    return generationComplete(this.db, projection, generation);
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.dropRetired(); // else the next start finds them as leftovers and drops them then
    } finally {
      this.db.close();
    }
  }

  private reader(sql: string): Database.Statement {
    const stmt = this.prepare(sql);
    if (!stmt.readonly) throw new TypeError('read-model queries are read-only; projections write through their ProjectionTx');
    return stmt;
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}

/** Thread body of checkpointAside: workerData = { driver, path }; posts the frames checkpointed. */
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const [{ checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
db.close();
parentPort.postMessage(checkpointed);
`;

/** A PASSIVE WAL checkpoint of the file on a thread of its own; resolves with the frames copied (0 if it could not run). */
function checkpointAside(path: string): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(CHECKPOINT_THREAD, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), path } });
    worker.unref(); // a checkpoint is safe to cut short: the log stays until the next one
    worker.on('message', (frames: number) => resolve(frames));
    worker.on('error', () => resolve(0));
    worker.on('exit', () => resolve(0));
  });
}
