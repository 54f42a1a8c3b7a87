import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelStore } from '@app/projections';
import { counterProjection, summingProjection } from '../test/fixtures';

describe('ReadModelStore', () => {
  it('answers reads through the views and refuses writes', () => {
    const readModels = new ReadModelStore(':memory:');
    const projection = counterProjection('cases');
    readModels.install(projection);
    const tx = readModels.tx(projection, 1);
    tx.run(`INSERT INTO ${tx.table('cases_totals')} (stream_id, count) VALUES (?, ?)`, 'case-1', 2);

    expect(readModels.query('SELECT * FROM cases_totals WHERE stream_id = ?', ['case-1'])).toEqual([{ stream_id: 'case-1', count: 2 }]);
    expect(readModels.get('SELECT count FROM cases_totals')).toEqual({ count: 2 });
    expect(() => readModels.all('DELETE FROM cases_totals__g1')).toThrow(/read-only/);
    expect(() => readModels.all('INSERT INTO cases_totals__g1 VALUES (1, 1) RETURNING *')).toThrow(/read-only/);
    expect(() => readModels.get('UPDATE cases_totals__g1 SET count = 0')).toThrow(/read-only/);
    expect(() => tx.table('units')).toThrow(/no table "units"/);
    expect(readModels.get('SELECT count FROM cases_totals')).toEqual({ count: 2 });
    readModels.close();
  });

  it('tells whether any projection is being rebuilt, from the stored status', () => {
    const readModels = new ReadModelStore(':memory:');
    readModels.checkpoints.save({ name: 'a', version: 1, generation: 1, position: 0n, status: 'catching_up' });
    readModels.checkpoints.save({ name: 'b', version: 1, generation: 1, position: 0n, status: 'live' });
    expect(readModels.checkpoints.anyRebuilding()).toBe(false);
    readModels.checkpoints.setStatus('b', 'rebuilding');
    expect(readModels.checkpoints.anyRebuilding()).toBe(true);
    readModels.checkpoints.setStatus('b', 'failed', 'it broke');
    expect(readModels.checkpoints.anyRebuilding()).toBe(false);
    readModels.close();
  });

  it('adds the status and error columns to a checkpoint table written by an older version', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-read-models-')), 'read-models.sqlite');
    const old = new Database(path);
    old.exec(`CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, generation INTEGER NOT NULL,
      position INTEGER NOT NULL, updated_at TEXT NOT NULL);
      INSERT INTO projection_checkpoints VALUES ('units', 1, 3, 42, '2025-01-01T00:00:00.000Z')`);
    old.close();

    const readModels = new ReadModelStore(path);
    expect(readModels.checkpoints.get('units')).toMatchObject({ version: 1, generation: 3, position: 42n, status: 'stopped', error: null });
    readModels.checkpoints.setStatus('units', 'failed', 'boom');
    expect(readModels.checkpoints.get('units')).toMatchObject({ status: 'failed', error: 'boom' });
    readModels.close();
  });

  it("copies a scratch file's generation in: rows of `sums` tables that meet add up, any other row that meets fails it all", () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-read-models-'));
    const write = (path: string, sums: boolean, rows: [string, number][]) => {
      const store = new ReadModelStore(path, { scratch: path.endsWith('scratch') });
      const projection = summingProjection('sum', sums);
      store.createGeneration(projection, 2);
      for (const [id, n] of rows) {
        store.db.prepare('INSERT INTO sum_streams__g2 (id, n) VALUES (?, ?)').run(id, n);
        store.db.prepare("INSERT INTO sum_total__g2 (k, n) VALUES ('all', ?) ON CONFLICT (k) DO UPDATE SET n = n + excluded.n").run(n);
      }
      return { store, projection };
    };
    const scratch = join(dir, 'scratch');
    write(scratch, true, [
      ['s-1', 3],
      ['s-3', 4],
    ]).store.close();
    const main = write(join(dir, 'main.sqlite'), true, [['s-2', 5]]);
    main.store.copyGeneration(scratch, main.projection, 2);
    expect(main.store.db.prepare('SELECT n FROM sum_total__g2').get()).toEqual({ n: 12 });
    expect(main.store.db.prepare('SELECT id, n FROM sum_streams__g2 ORDER BY id').all()).toEqual([
      { id: 's-1', n: 3 },
      { id: 's-2', n: 5 },
      { id: 's-3', n: 4 },
    ]);
    main.store.close();

    const wrong = write(join(dir, 'wrong.sqlite'), false, [['s-2', 5]]);
    expect(() => wrong.store.copyGeneration(scratch, wrong.projection, 2)).toThrow(/UNIQUE constraint failed: sum_total__g2.k/);
    expect(wrong.store.db.prepare('SELECT count(*) AS c FROM sum_streams__g2').get()).toEqual({ c: 1 }); // nothing copied
    expect(wrong.store.db.prepare("SELECT count(*) AS c FROM pragma_database_list WHERE name = 'scratch'").get()).toEqual({ c: 0 });
    wrong.store.close();
  });

  it('drops a generation swapped out during bulk writes when it is closed before their checkpoint is done', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-read-models-')), 'read-models.sqlite');
    const readModels = new ReadModelStore(path);
    const projection = counterProjection('cases');
    readModels.install(projection);
    await readModels.withBulkWrites(async () => {
      readModels.createGeneration(projection, 2);
      readModels.swapGeneration(projection, 1, 2, 0n);
    });
    const names = (db: Database.Database) =>
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cases%' ORDER BY name").pluck().all();
    expect(names(readModels.db)).toEqual(['cases_items__g1', 'cases_items__g2', 'cases_totals__g1', 'cases_totals__g2']);
    readModels.close();
    const reopened = new Database(path, { readonly: true });
    expect(names(reopened)).toEqual(['cases_items__g2', 'cases_totals__g2']);
    reopened.close();
  });
});
