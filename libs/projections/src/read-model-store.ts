import Database from 'better-sqlite3';
import { Projection, ProjectionTx } from './projection';

export interface Checkpoint {
  name: string;
  version: number;
  generation: number;
  position: bigint;
}

/** The SQLite file that holds every read model, their generations, and their checkpoints. */
export class ReadModelStore {
  readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL'); // read models can always be rebuilt from the log
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, generation INTEGER NOT NULL, position INTEGER NOT NULL,
      updated_at TEXT NOT NULL)`);
  }

  checkpoint(name: string): Checkpoint | undefined {
    const row = this.db.prepare('SELECT name, version, generation, position FROM projection_checkpoints WHERE name = ?').get(name) as
      | { name: string; version: number; generation: number; position: number }
      | undefined;
    return row && { ...row, position: BigInt(row.position) };
  }

  saveCheckpoint(cp: Checkpoint): void {
    this.db
      .prepare(
        `INSERT INTO projection_checkpoints (name, version, generation, position, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, generation = excluded.generation,
           position = excluded.position, updated_at = excluded.updated_at`,
      )
      .run(cp.name, cp.version, cp.generation, cp.position, new Date().toISOString());
  }

  /** A transaction handle writing the given generation's tables. */
  tx(projection: Projection, generation: number): ProjectionTx {
    return { db: this.db, table: (logical) => physical(projection, logical, generation) };
  }

  createGeneration(projection: Projection, generation: number): void {
    for (const [logical, columns] of Object.entries(projection.tables)) {
      const name = physical(projection, logical, generation);
      this.db.exec(`DROP TABLE IF EXISTS "${name}"; CREATE TABLE "${name}" (${columns})`);
      for (const [i, cols] of (projection.indexes?.[logical] ?? []).entries()) {
        this.db.exec(`CREATE INDEX "${name}__i${i}" ON "${name}" (${cols})`);
      }
    }
  }

  /** Points the stable view names at a generation; runs inside the caller's transaction. */
  pointViews(projection: Projection, generation: number): void {
    for (const logical of Object.keys(projection.tables)) {
      this.db.exec(
        `DROP VIEW IF EXISTS "${logical}"; CREATE VIEW "${logical}" AS SELECT * FROM "${physical(projection, logical, generation)}"`,
      );
    }
  }

  dropGeneration(projection: Projection, generation: number): void {
    for (const logical of Object.keys(projection.tables))
      this.db.exec(`DROP TABLE IF EXISTS "${physical(projection, logical, generation)}"`);
  }

  /** Read-only queries against the stable views. */
  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.db.prepare(sql).get(...params) as T | undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const physical = (_p: Projection, logical: string, generation: number) => `${logical}__g${generation}`;
