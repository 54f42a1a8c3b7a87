import { columnsOf, Row, RowCache, ScopedState } from './scoped-rows';
import { Projection, ProjectionTx } from './projection';
import { ReadModelStore } from './read-model-store';

describe('columnsOf', () => {
  it('names the columns of a tables definition and leaves out table constraints', () => {
    expect(columnsOf('id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0')).toEqual(['id', 'unit_id', 'n']);
    expect(columnsOf('case_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (case_id, seq)')).toEqual(['case_id', 'seq']);
  });
});

describe('ScopedState', () => {
  const tx = (scope: object) => ({ scope }) as unknown as ProjectionTx;

  it('keeps one state per scope until it ends, and none after', () => {
    let made = 0;
    const state = new ScopedState(() => ({ n: ++made }));
    const a = {};
    expect(state.of(tx(a))).toBe(state.of(tx(a)));
    expect(state.of(tx({}))).not.toBe(state.of(tx(a)));
    expect(state.end(tx(a))).toEqual({ n: 1 });
    expect(state.end(tx(a))).toBeUndefined();
    expect(state.of(tx(a))).toEqual({ n: 3 });
  });
});

describe('RowCache', () => {
  const projection: Projection = { name: 'p', version: 1, tables: { items: 'id TEXT PRIMARY KEY, n INTEGER NOT NULL' }, apply: () => {} };
  let readModels: ReadModelStore;
  beforeEach(() => {
    readModels = new ReadModelStore(':memory:');
    readModels.install(projection);
  });
  afterEach(() => readModels.close());
  const unit = (work: (rows: RowCache<Row>, tx: ProjectionTx) => void) => {
    const tx = readModels.tx(projection, 1);
    readModels.db.transaction(() => {
      const rows = new RowCache<Row>(tx, 'items', ['id', 'n']);
      work(rows, tx);
      rows.flush(tx);
    })();
  };
  const stored = () => readModels.all('SELECT id, n FROM items ORDER BY id');

  it('writes what a unit of work inserted and changed once, and changes stored rows in a later one', () => {
    unit((rows, tx) => {
      rows.insert(tx, { id: 'a', n: 1 });
      expect(rows.update(tx, 'a', (r) => (r.n = Number(r.n) + 1))).toBe(true);
      expect(rows.update(tx, 'missing', () => {})).toBe(false);
    });
    expect(stored()).toEqual([{ id: 'a', n: 2 }]);
    unit((rows, tx) => {
      rows.update(tx, 'a', (r) => (r.n = 10));
      rows.insert(tx, { id: 'b', n: 3 });
    });
    expect(stored()).toEqual([
      { id: 'a', n: 10 },
      { id: 'b', n: 3 },
    ]);
  });

  it('refuses a second row under one id: at once within a unit of work, at the flush for a stored one (nothing written)', () => {
    unit((rows, tx) => rows.insert(tx, { id: 'a', n: 1 }));
    expect(() =>
      unit((rows, tx) => {
        rows.insert(tx, { id: 'b', n: 1 });
        expect(() => rows.insert(tx, { id: 'b', n: 2 })).toThrow(/items__g1: a row with id b exists already/);
        rows.insert(tx, { id: 'a', n: 2 });
      }),
    ).toThrow(/UNIQUE constraint failed/);
    expect(stored()).toEqual([{ id: 'a', n: 1 }]);
  });
});
