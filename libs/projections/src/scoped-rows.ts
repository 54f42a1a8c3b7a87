import { ProjectionTx } from './projection';

/**
 * One projection's state per unit of work (ProjectionTx.scope): made at the first `of` in a scope, handed over and
 * forgotten by `end` in the projection's flush. A rolled-back transaction's state goes with its scope.
 */
export class ScopedState<T> {
  private readonly open = new WeakMap<object, T>();

  constructor(private readonly create: (tx: ProjectionTx) => T) {}

  of(tx: ProjectionTx): T {
    let state = this.open.get(tx.scope);
    if (!state) this.open.set(tx.scope, (state = this.create(tx)));
    return state;
  }

  /** The state of the scope that ends now, or undefined when nothing was applied in it. */
  end(tx: ProjectionTx): T | undefined {
    const state = this.open.get(tx.scope);
    this.open.delete(tx.scope);
    return state;
  }
}

export type Row = Record<string, string | number | null>;

/** The column names of a `tables` definition, e.g. `id TEXT PRIMARY KEY, name TEXT` → ['id', 'name']. */
export function columnsOf(definition: string): string[] {
  return definition
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0])
    .filter((name) => name && !/^(PRIMARY|UNIQUE|CHECK|FOREIGN|CONSTRAINT)$/i.test(name) && /^[a-z_][a-z0-9_]*$/i.test(name));
}

/**
 * The rows of one table that a unit of work touches, keyed by `id`: read on first touch, changed in memory, written
 * back once at flush. A case's five events in one unit of work cost one row write instead of an insert and four updates.
 */
export class RowCache<R extends Row> {
  private readonly rows = new Map<string, R | null>();
  private readonly dirty = new Set<string>();
  /** Rows `insert` made: written with a plain INSERT, so a row stored under the same id fails the flush. */
  private readonly created = new Set<string>();
  private readonly table: string;
  private readonly select: string;
  private readonly write: string;
  private readonly create: string;

  constructor(
    tx: ProjectionTx,
    logical: string,
    private readonly columns: readonly string[],
  ) {
    const table = (this.table = tx.table(logical));
    this.select = `SELECT * FROM ${table} WHERE id = ?`;
    const into = `INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    this.write = `INSERT OR REPLACE ${into}`;
    this.create = `INSERT ${into}`;
  }

  get(tx: ProjectionTx, id: string): R | undefined {
    let row = this.rows.get(id);
    if (row === undefined) this.rows.set(id, (row = tx.get<R>(this.select, id) ?? null));
    return row ?? undefined;
  }

  /**
   * A new row, without looking for a stored one (a rebuild inserts every row once, into an empty table): a row this
   * unit of work holds under the id throws now, one stored under it fails the flush (a plain INSERT, as it replaces).
   */
  insert(tx: ProjectionTx, row: R): void {
    const id = String(row.id);
    if (this.rows.get(id)) throw new Error(`${this.table}: a row with id ${id} exists already`);
    this.rows.set(id, row);
    this.dirty.add(id);
    this.created.add(id);
  }

  /** Changes the row if there is one (like an UPDATE … WHERE id = ?); returns whether there was. */
  update(tx: ProjectionTx, id: string, change: (row: R) => void): boolean {
    const row = this.get(tx, id);
    if (!row) return false;
    change(row);
    this.dirty.add(id);
    return true;
  }

  flush(tx: ProjectionTx): void {
    for (const id of this.dirty) {
      const row = this.rows.get(id)!;
      tx.run(this.created.has(id) ? this.create : this.write, ...this.columns.map((c) => row[c] ?? null));
    }
    this.dirty.clear();
    this.created.clear();
  }
}
