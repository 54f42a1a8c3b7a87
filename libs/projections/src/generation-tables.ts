import type Database from 'better-sqlite3';
import { Projection } from './projection';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const GENERATION_SUFFIX = /__g(\d+)$/;

/** `<logical>__g<N>`: the table a generation writes; readers use the view `<logical>`. */
export function physicalTableName(logical: string, generation: number): string {
  return `${logical}__g${generation}`;
}

/** The generation a physical table belongs to, or undefined for any other name. */
export function generationOf(logical: string, physical: string): number | undefined {
  const prefix = `${logical}__g`;
  const rest = physical.slice(prefix.length);
  return physical.startsWith(prefix) && /^[1-9]\d*$/.test(rest) ? Number(rest) : undefined;
}

/** Table names go into SQL text, so they must be plain identifiers. */
export function assertValidTables(projection: Projection): void {
  const names = Object.keys(projection.tables);
  if (!names.length) throw new Error(`projection ${projection.name} declares no tables`);
  for (const name of names) {
    if (!IDENTIFIER.test(name) || GENERATION_SUFFIX.test(name)) {
      throw new Error(`projection ${projection.name}: "${name}" is not a valid table name`);
    }
  }
  for (const name of Object.keys(projection.indexes ?? {})) {
    if (!names.includes(name)) throw new Error(`projection ${projection.name}: index on unknown table "${name}"`);
  }
}

export function createGenerationTables(db: Database.Database, projection: Projection, generation: number, withIndexes = true): void {
  for (const [logical, columns] of Object.entries(projection.tables)) {
    const table = physicalTableName(logical, generation);
    db.exec(`DROP TABLE IF EXISTS "${table}"; CREATE TABLE "${table}" (${columns})`);
  }
  if (withIndexes) createGenerationIndexes(db, projection, generation);
}

/**
 * The secondary indexes of a generation's tables. A rebuild creates them after its bulk fold (one sorted build is
 * far cheaper than keeping them up to date row by row); `apply` looks rows up by primary key only, so it never needs them.
 */
export function createGenerationIndexes(db: Database.Database, projection: Projection, generation: number): void {
  for (const logical of Object.keys(projection.tables)) {
    const table = physicalTableName(logical, generation);
    (projection.indexes?.[logical] ?? []).forEach((cols, i) =>
      db.exec(`CREATE INDEX IF NOT EXISTS "${table}__i${i}" ON "${table}" (${cols})`),
    );
  }
}

/** Points the stable view names at a generation; call inside the caller's transaction. */
export function pointViews(db: Database.Database, projection: Projection, generation: number): void {
  for (const logical of Object.keys(projection.tables)) {
    db.exec(`DROP VIEW IF EXISTS "${logical}"; CREATE VIEW "${logical}" AS SELECT * FROM "${physicalTableName(logical, generation)}"`);
  }
}

export function dropGenerationTables(db: Database.Database, projection: Projection, generation: number): void {
  for (const logical of Object.keys(projection.tables)) db.exec(`DROP TABLE IF EXISTS "${physicalTableName(logical, generation)}"`);
}

/** Generations of this projection's tables that exist in the file. */
export function existingGenerations(db: Database.Database, projection: Projection): Set<number> {
  const found = new Set<number>();
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  for (const logical of Object.keys(projection.tables)) {
    for (const name of names) {
      const g = generationOf(logical, name);
      if (g !== undefined) found.add(g);
    }
  }
  return found;
}

/** Does every table of the generation exist, with its view? */
export function generationComplete(db: Database.Database, projection: Projection, generation: number): boolean {
  const has = db.prepare('SELECT type FROM sqlite_master WHERE name = ?').pluck();
  return Object.keys(projection.tables).every(
    (logical) => has.get(physicalTableName(logical, generation)) === 'table' && has.get(logical) === 'view',
  );
}
