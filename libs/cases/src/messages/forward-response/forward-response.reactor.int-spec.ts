import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@app/core';
import { handleCommand } from '@app/core/write';
import { SqliteEventStore } from '@app/event-store';
import { CommandRunner } from '@app/platform/write';
import { ProjectionRunner, ReadModelStore } from '@app/projections';
import { caseDecider, CaseCommand } from '../../case.decider';
import { caseStream, MessageQueued } from '../../case.events';
import { ForwardResponse } from './forward-response.command';
import { ForwardResponseHandler } from './forward-response.handler';
import { responseForwardReactor } from './forward-response.reactor';

const REACTOR = 'response-forward';
const MAX_AGE_MS = 72 * 3600_000; // MAIL_MAX_AGE_HOURS' default

describe('the response-forward reactor over the real SQLite store', () => {
  let dir: string;
  let clock: FixedClock;
  let store: SqliteEventStore;
  const opened: { runner: ProjectionRunner; readModels: ReadModelStore }[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'synpunkt-response-forward-'));
    clock = new FixedClock(new Date('2026-03-02T08:00:00Z'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), clock, pollMs: 20 });
  });
  afterEach(async () => {
    for (const { runner, readModels } of opened.splice(0).reverse()) {
      await runner.stop();
      readModels.close();
    }
    await store.close();
  });

  /** Each step is decided at the clock's instant, so its record time is then. */
  const decide = (caseId: string, command: Record<string, unknown>) =>
    handleCommand(store, caseDecider, caseStream(caseId), { ...command, now: clock.now() } as CaseCommand);
  const register = (caseId: string, submitter: object, over: object = {}) =>
    decide(caseId, {
      type: 'RegisterCase',
      caseId,
      reference: `2026-${caseId}`,
      caseType: 'complaint',
      channel: 'letter',
      unitId: 'hgb',
      description: 'Hissen står still',
      submitter,
      rules: { acknowledgeWorkingDays: 2, respondWorkingDays: 10 },
      ...over,
    });
  const merge = (caseId: string, into: string) =>
    decide(caseId, { type: 'MergeCase', into: { caseId: into, reference: `2026-${into}`, exists: true } });
  const respond = (caseId: string) => decide(caseId, { type: 'RespondCase', message: 'Vi har lagat hissen.', outcome: 'justified' });

  /** A reactor with no checkpoint yet (as on the first start after a deploy), sending to the app's handler. */
  const runReactor = async () => {
    const readModels = new ReadModelStore(join(dir, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, readModels);
    opened.push({ runner, readModels });
    const handler = new ForwardResponseHandler(new CommandRunner(store, clock));
    const commands = { execute: (c: object) => handler.execute(c as ForwardResponse) };
    runner.registerReactor(responseForwardReactor({ commands, store, clock, maxAgeMs: MAX_AGE_MS }));
    await runner.start();
    return runner.waitFor(await store.headPosition(), 10_000, REACTOR);
  };
  const queued = async (caseId: string) =>
    (await store.readStream(caseStream(caseId))).filter((e) => e.type === 'MessageQueued.v1').map((e) => e.data as MessageQueued['data']);

  it('forwards none of the responses queued longer ago than the outbox’s max age when it first folds the log', async () => {
    await register('main', { name: 'Anna Först', email: 'anna@example.se' });
    await register('dup', { name: 'Bo Andra', email: 'bo@example.se' });
    await merge('dup', 'main');
    await respond('main');
    clock.set('2026-03-05T08:00:01Z'); // three days and a second later: deployed with the reactor now

    expect(await runReactor()).toBe(true);
    expect(await queued('dup')).toEqual([]);
    expect(await queued('main')).toHaveLength(1);
  });

  it('forwards a recent one: confidential when the response is, and to no duplicate whose submitter wanted no reply', async () => {
    await register('main', { name: 'Anna Först', email: 'anna@example.se' }, { confidential: true });
    await register('dup', { name: 'Bo Andra', email: 'bo@example.se' });
    await register('quiet', { name: 'Cia Tyst', email: 'cia@example.se' }, { wantsReply: false });
    await merge('dup', 'main');
    await merge('quiet', 'main');
    await respond('main');
    clock.set('2026-03-05T07:59:59Z'); // just within the max age

    expect(await runReactor()).toBe(true);
    expect(await queued('dup')).toEqual([
      expect.objectContaining({
        kind: 'response',
        channel: 'email',
        recipient: 'bo@example.se',
        confidential: true,
        forwardOf: expect.objectContaining({ caseId: 'main', reference: '2026-main' }),
      }),
    ]);
    expect(await queued('quiet')).toEqual([]);
  });
});
