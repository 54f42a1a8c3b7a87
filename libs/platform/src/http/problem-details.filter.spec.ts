import { ArgumentsHost, Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { InvalidPositionError } from '@app/event-store';
import { REPLAY_RETRY_AFTER_SECONDS, ReplaysBusyError } from '../replays/replay-pool';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('a position that is no event’s', () => {
  it('is the client’s error: 400 invalid_position, not 500', () => {
    expect(new ProblemDetailsFilter().toProblem(new InvalidPositionError(12_345n))).toMatchObject({
      status: 400,
      code: 'invalid_position',
    });
  });
});

describe('as-of replays beyond the pool’s queue', () => {
  it('are answered 503 replays_busy with Retry-After', () => {
    const headers: Record<string, string> = {};
    const res = {
      headersSent: false,
      setHeader: (name: string, value: string) => (headers[name] = value),
      status: () => res,
      type: () => res,
      send: jest.fn(),
    };
    const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    const filter = new ProblemDetailsFilter();
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    filter.catch(new ReplaysBusyError(), host);
    expect(headers['Retry-After']).toBe(String(REPLAY_RETRY_AFTER_SECONDS));
    expect(JSON.parse(res.send.mock.calls[0][0] as string)).toMatchObject({ status: 503, code: 'replays_busy' });
  });
});

describe('a read model that has not been rebuilt for this version yet', () => {
  const sqliteError = (sql: string): unknown => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE cases (id TEXT)');
    try {
      db.prepare(sql).all();
    } catch (err) {
      return err;
    } finally {
      db.close();
    }
    throw new Error('the query ran');
  };

  it('answers 503 read_model_upgrading for a column or table it lacks while a rebuild is under way, from SQLite’s own error', () => {
    const filter = new ProblemDetailsFilter({ rebuilding: () => true });
    for (const sql of ['SELECT needs_delay_notice FROM cases', 'SELECT * FROM outbox'])
      expect(filter.toProblem(sqliteError(sql))).toMatchObject({ status: 503, code: 'read_model_upgrading' });
    // any other SQLite failure stays a 500
    expect(filter.toProblem(sqliteError('SELEKT 1'))).toMatchObject({ status: 500 });
  });

  it('leaves it a 500 when nothing is being rebuilt: a query that is wrong, or a rebuild that failed', () => {
    expect(new ProblemDetailsFilter({ rebuilding: () => false }).toProblem(sqliteError('SELECT x FROM cases'))).toMatchObject({
      status: 500,
    });
    expect(new ProblemDetailsFilter().toProblem(sqliteError('SELECT x FROM cases'))).toMatchObject({ status: 500 });
  });
});
