import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelStore } from '@app/projections';
import { counterProjection } from '../test/fixtures';

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
});
