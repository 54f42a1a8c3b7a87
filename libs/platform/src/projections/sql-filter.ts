/** Builds a WHERE clause and its parameters for read-model queries. */
export class SqlFilter {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  constructor(...leadingParams: unknown[]) {
    this.params.push(...leadingParams);
  }

  /** Adds the clause when `when` holds (default: always). */
  add(clause: string, values: unknown[] = [], when = true): this {
    if (when) {
      this.clauses.push(clause);
      this.params.push(...values);
    }
    return this;
  }

  /** Adds `column = ?` when the value is given. */
  eq(column: string, value: unknown): this {
    return this.add(`${column} = ?`, [value], value !== undefined && value !== null && value !== '');
  }

  /** Adds `column IN (…)`; an empty list matches nothing. */
  in(column: string, values: unknown[]): this {
    return values.length ? this.add(`${column} IN (${values.map(() => '?').join(', ')})`, values) : this.add('0');
  }

  get where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
