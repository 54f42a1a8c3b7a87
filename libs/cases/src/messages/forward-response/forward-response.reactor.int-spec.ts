import { handleCommand } from '@app/core/write';
import { CommandRunner } from '@app/platform/write';
import { reactorHarness } from '@app/testing';
import { caseDecider, CaseCommand } from '../../case.decider';
import { caseStream, MessageQueued } from '../../case.events';
import { ForwardResponse } from './forward-response.command';
import { ForwardResponseHandler } from './forward-response.handler';
import { responseForwardReactor } from './forward-response.reactor';

const MAX_AGE_MS = 72 * 3600_000; // MAIL_MAX_AGE_HOURS' default

describe('the response-forward reactor over the real SQLite store', () => {
  const h = reactorHarness('response-forward', '2026-03-02T08:00:00Z');

  /** Each step is decided at the clock's instant, so its record time is then. */
  const decide = (caseId: string, command: Record<string, unknown>) =>
    handleCommand(h.store, caseDecider, caseStream(caseId), { ...command, now: h.clock.now() } as CaseCommand);
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
    const handler = new ForwardResponseHandler(new CommandRunner(h.store, h.clock));
    const commands = { execute: (c: object) => handler.execute(c as ForwardResponse) };
    return (await h.run(responseForwardReactor({ commands, store: h.store, clock: h.clock, maxAgeMs: MAX_AGE_MS }))).caughtUp;
  };
  const queued = async (caseId: string) =>
    (await h.store.readStream(caseStream(caseId))).filter((e) => e.type === 'MessageQueued.v1').map((e) => e.data as MessageQueued['data']);

  it('forwards none of the responses queued longer ago than the outbox’s max age when it first folds the log', async () => {
    await register('main', { name: 'Anna Först', email: 'anna@example.se' });
    await register('dup', { name: 'Bo Andra', email: 'bo@example.se' });
    await merge('dup', 'main');
    await respond('main');
    h.clock.set('2026-03-05T08:00:01Z'); // three days and a second later: deployed with the reactor now

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
    h.clock.set('2026-03-05T07:59:59Z'); // just within the max age

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
