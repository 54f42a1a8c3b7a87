import type Database from 'better-sqlite3';
import { ProjectionState } from './projection';

export interface Checkpoint {
  name: string;
  /** Projection version the live generation was built with; 0 for reactors. */
  version: number;
  /** Live generation; 0 for reactors. */
  generation: number;
  /** Last event applied (exclusive start for the next subscription). */
  position: bigint;
  status: ProjectionState;
  error: string | null;
  updatedAt: string;
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** One row per projection or reactor in `projection_checkpoints`. */
export class CheckpointTable {
  private readonly stmt;

  /** `readonly`: the table is another process's (see ReadModelStore); it is read as it is. */
  constructor(db: Database.Database, readonly = false) {
    if (!readonly) CheckpointTable.migrate(db);
    this.stmt = {
      get: db
        .prepare('SELECT name, version, generation, position, status, error, updated_at FROM projection_checkpoints WHERE name = ?')
        .safeIntegers(),
      save: db.prepare(
        `INSERT INTO projection_checkpoints (name, version, generation, position, status, error, updated_at)
         VALUES (?, ?, ?, ?, ?, NULL, ${NOW})
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, generation = excluded.generation,
           position = excluded.position, status = excluded.status, error = NULL, updated_at = excluded.updated_at`,
      ),
      advance: db.prepare(`UPDATE projection_checkpoints SET position = ?, updated_at = ${NOW} WHERE name = ?`),
      status: db.prepare(`UPDATE projection_checkpoints SET status = ?, error = ?, updated_at = ${NOW} WHERE name = ?`),
      rebuilding: db.prepare("SELECT count(*) FROM projection_checkpoints WHERE status = 'rebuilding'").pluck(),
    };
  }

  private static migrate(db: Database.Database): void {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, generation INTEGER NOT NULL, position INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'stopped', error TEXT, updated_at TEXT NOT NULL)`);
    // Files written before status/error existed get the columns added in place.
    const columns = db.prepare("SELECT name FROM pragma_table_info('projection_checkpoints')").pluck().all() as string[];
    if (!columns.includes('status')) db.exec("ALTER TABLE projection_checkpoints ADD COLUMN status TEXT NOT NULL DEFAULT 'stopped'");
    if (!columns.includes('error')) db.exec('ALTER TABLE projection_checkpoints ADD COLUMN error TEXT');
  }

  get(name: string): Checkpoint | undefined {
    const row = this.stmt.get.get(name) as
      | {
          name: string;
          version: bigint;
          generation: bigint;
          position: bigint;
          status: ProjectionState;
          error: string | null;
          updated_at: string;
        }
      | undefined;
    if (!row) return undefined;
    const { version, generation, updated_at, ...rest } = row;
    return { ...rest, version: Number(version), generation: Number(generation), updatedAt: updated_at };
  }

  save(cp: Pick<Checkpoint, 'name' | 'version' | 'generation' | 'position' | 'status'>): void {
    this.stmt.save.run(cp.name, cp.version, cp.generation, cp.position, cp.status);
  }

  /** Moves the position only; call inside the transaction that applied the events. */
  advance(name: string, position: bigint): void {
    if (this.stmt.advance.run(position, name).changes !== 1) throw new Error(`no checkpoint row for ${name}`);
  }

  setStatus(name: string, status: ProjectionState, error: string | null = null): void {
    this.stmt.status.run(status, error, name);
  }

  /** Whether any projection is being rebuilt, as the process that runs them stored it. */
  anyRebuilding(): boolean {
    return (this.stmt.rebuilding.get() as number) > 0;
  }
}
