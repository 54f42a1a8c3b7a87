import { columnsOf, ScopedState } from './scoped-rows';
import { ProjectionTx } from './projection';

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
