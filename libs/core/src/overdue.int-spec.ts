import Database from 'better-sqlite3';
import fc from 'fast-check';
import { endOfStockholmDay, stockholmDate } from './calendar';
import { lateAt, NEEDS_DELAY_NOTICE_SQL, needsDelayNoticeAt, OVERDUE_SQL, overdueAt, remedyOverdue } from './overdue';

/** Instants of one format, few enough that deadlines, steps, pauses and `now` fall before, on and after each other. */
const instant = fc.integer({ min: 0, max: 24 }).map((q) => new Date(Date.UTC(2026, 2, 2) + q * 15 * 60_000).toISOString());
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const caseFacts = fc.record({
  status: fc.constantFrom('received', 'acknowledged', 'in_progress', 'awaiting_complainant', 'responded', 'closed'),
  acknowledgedAt: maybe(instant),
  acknowledgeBy: instant,
  needsResponse: fc.boolean(),
  respondedAt: maybe(instant),
  respondBy: instant,
  pausedSince: maybe(instant),
});

describe('overdue: one rule, and the SQL the lists filter with agrees with it', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE cases (status TEXT, acknowledged_at TEXT, acknowledge_by TEXT, needs_response INTEGER,
    responded_at TEXT, respond_by TEXT, paused_since TEXT); CREATE TABLE remedies (status TEXT, due_on TEXT)`);
  const insertCase = db.prepare('INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?)');
  const sql = (expr: string) => db.prepare(`SELECT ${expr} AS v FROM cases`).pluck();
  const ack = sql(OVERDUE_SQL.acknowledge);
  const respond = sql(OVERDUE_SQL.respond);
  afterAll(() => db.close());

  it('on generated cases, the SQL and the function flag the same steps as overdue', () => {
    fc.assert(
      fc.property(caseFacts, instant, (c, now) => {
        db.exec('DELETE FROM cases');
        insertCase.run(c.status, c.acknowledgedAt, c.acknowledgeBy, c.needsResponse ? 1 : 0, c.respondedAt, c.respondBy, c.pausedSince);
        const expected = overdueAt({ ...c, open: c.status !== 'closed' }, now);
        expect({ acknowledge: ack.get(now) === 1, respond: respond.get(now) === 1 }).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('on generated cases with delay notices, the SQL and the function flag the same cases as owed a notice', () => {
    // Days around a deadline, each at the end of a Stockholm day, the first instant of the next, and in between.
    const days = ['2026-03-15', '2026-03-16', '2026-03-17', '2026-03-18'];
    const end = (d: string) => endOfStockholmDay(d).toISOString();
    const at = fc.constantFrom(...days.flatMap((d) => [`${d}T09:00:00.000Z`, end(d), new Date(Date.parse(end(d)) + 1).toISOString()]));
    const facts = fc.record({
      status: fc.constantFrom('in_progress', 'awaiting_complainant', 'closed'),
      needsResponse: fc.boolean(),
      respondedAt: maybe(at),
      respondBy: fc.constantFrom(...days.map(end)),
      pausedSince: maybe(at),
      delayNoticeAt: maybe(at),
      delayNoticeRespondBy: maybe(fc.constantFrom(...days)),
    });
    db.exec(`CREATE TABLE notices (status TEXT, acknowledged_at TEXT, acknowledge_by TEXT, needs_response INTEGER, responded_at TEXT,
      respond_by TEXT, paused_since TEXT, delay_notice_at TEXT, delay_notice_respond_by TEXT)`);
    const insert = db.prepare('INSERT INTO notices VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)');
    const needs = db.prepare(`SELECT ${NEEDS_DELAY_NOTICE_SQL} FROM notices`).pluck();
    fc.assert(
      fc.property(facts, at, (c, now) => {
        db.exec('DELETE FROM notices');
        insert.run(
          c.status,
          c.respondBy,
          c.needsResponse ? 1 : 0,
          c.respondedAt,
          c.respondBy,
          c.pausedSince,
          c.delayNoticeAt,
          c.delayNoticeRespondBy,
        );
        const expected = needsDelayNoticeAt({ ...c, acknowledgeBy: c.respondBy, open: c.status !== 'closed' }, now);
        expect(needs.get(now, stockholmDate(now))).toBe(expected ? 1 : 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('on generated remedies, the SQL and the function agree', () => {
    const date = instant.map((i) => i.slice(0, 10));
    const remedy = db.prepare(`SELECT ${OVERDUE_SQL.remedy} FROM remedies`).pluck();
    fc.assert(
      fc.property(fc.constantFrom('planned', 'completed'), date, date, (status, dueOn, today) => {
        db.exec('DELETE FROM remedies');
        db.prepare('INSERT INTO remedies VALUES (?, ?)').run(status, dueOn);
        expect(remedy.get(today) === 1).toBe(remedyOverdue({ status, dueOn }, today));
      }),
      { numRuns: 500 },
    );
  });

  it('counts a closed case late for the figures, but never lists it as overdue', () => {
    const c = { acknowledgeBy: '2026-03-04T22:59:59.999Z', needsResponse: true, respondBy: '2026-03-16T22:59:59.999Z' };
    const at = '2026-03-20T10:00:00.000Z';
    expect(lateAt.acknowledge(c, at)).toBe(true);
    expect(lateAt.respond(c, at)).toBe(true);
    expect(overdueAt({ ...c, open: false }, at)).toEqual({ acknowledge: false, respond: false });
    expect(overdueAt({ ...c, open: true }, at)).toEqual({ acknowledge: true, respond: true });
  });

  it('a pause begun in time stops the response clock; one begun after respondBy excuses nothing', () => {
    const c = { acknowledgeBy: '2026-03-04T22:59:59.999Z', needsResponse: true, respondBy: '2026-03-16T22:59:59.999Z' };
    const at = '2026-03-20T10:00:00.000Z';
    expect(lateAt.respond({ ...c, pausedSince: '2026-03-10T10:00:00.000Z' }, at)).toBe(false);
    expect(lateAt.respond({ ...c, pausedSince: '2026-03-18T10:00:00.000Z' }, at)).toBe(true);
  });
});
