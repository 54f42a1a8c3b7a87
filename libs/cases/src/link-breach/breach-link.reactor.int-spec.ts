import { handleCommand } from '@app/core/write';
import { EventStore } from '@app/event-store';
import { breachStream, GuaranteeCommand, guaranteeIdFor, guaranteeStream, ReportBreach } from '@app/guarantees';
import { ResourceReaders } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { reactorHarness } from '@app/testing';
// The guarantees module's own decider and handler, so that guarantees are written and the breach reported as in the app
// (a test may reach past the index).
import { guaranteeDecider } from '../../../guarantees/src/guarantee.decider';
import { ReportBreachHandler } from '../../../guarantees/src/report-breach/report-breach.handler';
import { caseDecider } from '../case.decider';
import { caseStream } from '../case.events';
import { breachIdForCase, breachLinkReactor, breachLinkStream } from './breach-link.reactor';
import { LinkBreach } from './link-breach.command';
import { LinkBreachHandler } from './link-breach.handler';

const REACTOR = 'breach-link';
const content = (...ids: string[]) => ({
  title: 'Vår garanti',
  commitments: ids.map((id) => ({ id, text: `Åtagande ${id}` })),
  remedy: 'Vi ber om ursäkt och rättar till det.',
  contact: { name: 'Enhetschef' },
});

describe('the breach-link process manager over the real SQLite store', () => {
  const h = reactorHarness('breach-link', '2025-01-02T08:00:00Z');

  /** Each step is recorded at the instant it is decided, so record time and business time line up as in production. */
  const at = (iso: string) => {
    h.clock.set(iso);
    return new Date(iso);
  };
  const guarantee = (unitId: string, command: Record<string, unknown>, now: string) =>
    handleCommand(h.store, guaranteeDecider, guaranteeStream(guaranteeIdFor(unitId, 2025)), {
      ...command,
      guaranteeId: guaranteeIdFor(unitId, 2025),
      now: at(now),
    } as GuaranteeCommand);
  const adopted = async (unitId: string, commitments: string[], decidedOn = '2025-01-10') => {
    await guarantee(
      unitId,
      { type: 'DraftGuarantee', unitId, year: 2025, content: content(...commitments), unitOpen: true },
      `${decidedOn}T08:00:00Z`,
    );
    await guarantee(unitId, { type: 'AdoptGuarantee', decidedOn, decisionRef: '§ 7' }, `${decidedOn}T10:00:00Z`);
  };
  const register = (
    caseId: string,
    unitId: string,
    receivedAt: string,
    recordedAt: string,
    commitmentId?: string,
    guaranteeUnit = unitId,
  ) =>
    handleCommand(h.store, caseDecider, caseStream(caseId), {
      type: 'RegisterCase',
      caseId,
      reference: `2025-${caseId}`,
      caseType: 'complaint',
      channel: 'letter',
      unitId,
      description: 'Inget svar',
      ...(commitmentId ? { guaranteeId: guaranteeIdFor(guaranteeUnit, 2025), commitmentId } : {}),
      receivedAt: new Date(receivedAt),
      rules: { acknowledgeWorkingDays: 2, respondWorkingDays: 10 },
      now: at(recordedAt),
    });

  /** The two commands the process manager sends, each to its handler in the app, writing to `on`. */
  const bus = (on: EventStore) => {
    const commandRunner = new CommandRunner(on, h.clock);
    const report = new ReportBreachHandler(commandRunner, new ResourceReaders(), on);
    const link = new LinkBreachHandler(commandRunner);
    return { execute: (c: object) => (c instanceof ReportBreach ? report.execute(c) : link.execute(c as LinkBreach)) };
  };

  /** A runner over its own read-model file; `fromStart` resets the reactor's checkpoint to 0 first (a replay). */
  const runReactor = (fromStart = false, reactorStore: EventStore = h.store) =>
    h.run(breachLinkReactor({ commands: bus(reactorStore), store: reactorStore }), { fromStart });
  const ofType = async (type: string) => h.store.readAll({ types: [type] });
  const stream = async (id: string) => (await h.store.readStream(id)).map((e) => ({ type: e.type, data: e.data }));

  it('reports one breach per case and links it, goes on past refused cases, and a replay from position 0 adds nothing', async () => {
    await adopted('hgb', ['svar', 'kvittens']);
    await adopted('fsk', ['svar']);
    await guarantee('fsk', { type: 'WithdrawGuarantee', reason: 'Fel beslut' }, '2025-02-03T09:00:00Z');
    await register('a', 'hgb', '2025-03-03T08:00:00Z', '2025-03-03T09:00:00Z', 'svar');
    await register('b', 'fsk', '2025-03-04T08:00:00Z', '2025-03-04T09:00:00Z', 'svar'); // withdrawn a month before
    await register('c', 'hgb', '2025-03-05T08:00:00Z', '2025-03-05T09:00:00Z', 'kvittens');
    await register('d', 'hgb', '2025-03-06T08:00:00Z', '2025-03-06T09:00:00Z'); // names no commitment
    await register('e', 'hgb', '2025-03-07T08:00:00Z', '2025-03-07T09:00:00Z', 'svar', 'nowhere'); // no such guarantee
    await register('f', 'hgb', '2025-03-10T08:00:00Z', '2025-03-10T09:00:00Z', 'svar');
    h.clock.set('2025-03-11T08:00:00Z');

    const expectOutcome = async () => {
      for (const [caseId, commitmentId] of [
        ['a', 'svar'],
        ['c', 'kvittens'],
        ['f', 'svar'],
      ]) {
        const breachId = breachIdForCase(caseId);
        expect(await stream(breachStream(breachId))).toEqual([
          { type: 'BreachReported.v1', data: expect.objectContaining({ caseId, commitmentId, guaranteeVersion: 1, source: 'case' }) },
        ]);
        const links = (await stream(caseStream(caseId))).filter((e) => e.type === 'CaseBreachLinked.v1');
        expect(links).toEqual([{ type: 'CaseBreachLinked.v1', data: expect.objectContaining({ breachId }) }]);
      }
      expect(await stream(breachLinkStream('b'))).toEqual([
        { type: 'BreachLinkRefused.v1', data: expect.objectContaining({ caseId: 'b', rule: 'commitment_not_in_force' }) },
      ]);
      expect(await stream(breachLinkStream('e'))).toEqual([
        { type: 'BreachLinkRefused.v1', data: expect.objectContaining({ caseId: 'e', rule: 'not_found' }) },
      ]);
      for (const caseId of ['b', 'd', 'e']) {
        expect(await h.store.readStream(breachStream(breachIdForCase(caseId)))).toEqual([]);
        expect((await stream(caseStream(caseId))).map((e) => e.type)).toEqual(['CaseRegistered.v1']);
      }
      expect(await h.store.readStream(breachLinkStream('d'))).toEqual([]);
      expect(await ofType('BreachReported.v1')).toHaveLength(3);
      expect(await ofType('CaseBreachLinked.v1')).toHaveLength(3);
      expect(await ofType('BreachLinkRefused.v1')).toHaveLength(2);
    };

    const first = await runReactor();
    expect(first.caughtUp).toBe(true);
    expect((await first.runner.status())[0]).toMatchObject({ state: 'live', lagSeconds: 0 });
    await expectOutcome();
    const head = await h.store.headPosition();
    await first.runner.stop();

    const replay = await runReactor(true);
    expect(replay.caughtUp).toBe(true);
    expect(replay.readModels.checkpoints.get(REACTOR)!.position).toBeGreaterThan(0n);
    await expectOutcome();
    expect(await h.store.headPosition()).toBe(head);
  });

  it('reports against the guarantee as it stood when the case came in, not as it reads when the reactor gets to it', async () => {
    await adopted('hgb', ['svar', 'kvittens']);
    await register('early', 'hgb', '2025-03-10T08:00:00Z', '2025-03-10T09:00:00Z', 'kvittens');
    // Version 2 drops `kvittens` and is adopted with a decision date before the case arrived.
    await guarantee('hgb', { type: 'ReviseGuarantee', content: content('svar') }, '2025-03-20T09:00:00Z');
    await guarantee('hgb', { type: 'AdoptGuarantee', decidedOn: '2025-03-01', decisionRef: '§ 9' }, '2025-03-20T10:00:00Z');
    await register('late', 'hgb', '2025-06-02T06:00:00Z', '2025-06-02T07:00:00Z', 'svar');
    // Withdrawn later the same day: the commitment was in force when the case came in.
    await guarantee('hgb', { type: 'WithdrawGuarantee', reason: 'Ny organisation' }, '2025-06-02T12:00:00Z');
    h.clock.set('2025-06-03T08:00:00Z');

    expect((await runReactor()).caughtUp).toBe(true);
    expect(await stream(breachStream(breachIdForCase('early')))).toEqual([
      { type: 'BreachReported.v1', data: expect.objectContaining({ commitmentId: 'kvittens', guaranteeVersion: 1 }) },
    ]);
    expect(await stream(breachStream(breachIdForCase('late')))).toEqual([
      { type: 'BreachReported.v1', data: expect.objectContaining({ commitmentId: 'svar', guaranteeVersion: 2 }) },
    ]);
    expect(await ofType('BreachLinkRefused.v1')).toEqual([]);
    expect(await ofType('CaseBreachLinked.v1')).toHaveLength(2);
  });

  it('still stops when the h.store fails, keeps the checkpoint before the case, and links it after a restart', async () => {
    await adopted('hgb', ['svar']);
    await register('a', 'hgb', '2025-03-03T08:00:00Z', '2025-03-03T09:00:00Z', 'svar');
    const casePosition = await h.store.headPosition();
    let down = true;
    // The real h.store, with its breach appends failing while `down` (a full disk).
    const failing = new Proxy(h.store, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop !== 'append') return typeof value === 'function' ? value.bind(target) : value;
        return (streamId: string, ...rest: unknown[]) => {
          if (down && streamId.startsWith('breach-')) return Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
          return (value as (...args: unknown[]) => unknown).call(target, streamId, ...rest);
        };
      },
    });

    const { runner, caughtUp } = await runReactor(false, failing);
    expect(caughtUp).toBe(false);
    const [status] = await runner.status();
    expect(status).toMatchObject({
      state: 'failed',
      failedEvent: { position: casePosition },
      error: expect.stringContaining('SQLITE_FULL'),
    });
    expect(status.checkpoint).toBeLessThan(casePosition);
    expect(await ofType('BreachLinkRefused.v1')).toEqual([]);

    down = false;
    runner.restart(REACTOR);
    expect(await runner.waitFor(casePosition, 10_000, REACTOR)).toBe(true);
    expect(await ofType('BreachReported.v1')).toHaveLength(1);
    expect(await ofType('CaseBreachLinked.v1')).toHaveLength(1);
  });
});
