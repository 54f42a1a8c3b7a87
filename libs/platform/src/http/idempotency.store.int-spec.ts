import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyStore } from './idempotency.store';

describe('IdempotencyStore (real SQLite file)', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'synpunkt-idem-')), 'idempotency.sqlite');
  const response = { status: 201, headers: { etag: '"0"' }, body: { id: 'x' } };

  it('claims a key once, replays it when done, and refuses another body', () => {
    const store = new IdempotencyStore(file());
    expect(store.reserve('u /api/cases', 'k', 'h1')).toEqual({ kind: 'new' });
    expect(store.reserve('u /api/cases', 'k', 'h1')).toEqual({ kind: 'in_progress' });
    store.complete('u /api/cases', 'k', response);
    expect(store.reserve('u /api/cases', 'k', 'h1')).toEqual({ kind: 'replay', response });
    expect(store.reserve('u /api/cases', 'k', 'h2')).toEqual({ kind: 'mismatch' });
    expect(store.reserve('other /api/cases', 'k', 'h2')).toEqual({ kind: 'new' });
    store.close();
  });

  it('lets a retry take over a key whose process died mid-request, and still replays finished ones after a restart', () => {
    const path = file();
    const before = new IdempotencyStore(path);
    expect(before.reserve('u /api/cases', 'crashed', 'h1')).toEqual({ kind: 'new' });
    expect(before.reserve('u /api/cases', 'finished', 'h1')).toEqual({ kind: 'new' });
    before.complete('u /api/cases', 'finished', response);
    before.close(); // the process stops with 'crashed' still pending

    const after = new IdempotencyStore(path);
    expect(after.reserve('u /api/cases', 'crashed', 'h2')).toEqual({ kind: 'mismatch' });
    expect(after.reserve('u /api/cases', 'crashed', 'h1')).toEqual({ kind: 'new' });
    expect(after.reserve('u /api/cases', 'crashed', 'h1')).toEqual({ kind: 'in_progress' }); // now this process's own
    expect(after.reserve('u /api/cases', 'finished', 'h1')).toEqual({ kind: 'replay', response });
    after.close();
  });
});
