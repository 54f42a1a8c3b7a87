import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, verifyEventLog } from '@app/event-store';
import { caseBody, eventually, keepRegistering, RunningPrimary, startPrimary } from './primary-harness';

type Processes = {
  pid: number;
  workers: { wanted: number; pids: number[]; restarts: number };
  projector: { pid?: number; restarts: number };
};

/** What the primary last told the worker that answered (the admin report's `processes` part). */
async function processes(primary: RunningPrimary): Promise<Processes> {
  const res = await primary.call('GET', '/api/admin/health');
  return res.body.checks.find((c: { name: string }) => c.name === 'processes').detail;
}

/** `npm start` with two HTTP workers and the projector, on one DATA_DIR: guarantees across processes, and faults. */
describe('processes on one host: a primary, two HTTP workers and a projector', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-processes-'));
  let primary: RunningPrimary;
  const acked: { id: string; position: number }[] = [];

  beforeAll(async () => {
    primary = await startPrimary({ DATA_DIR: dataDir, WORKERS: '2' });
    expect((await primary.call('POST', '/api/units', { body: { id: 'mp', name: 'Enhet', department: 'D', district: 'S' } })).status).toBe(
      201,
    );
  }, 120_000);

  afterAll(async () => {
    if (primary.child.exitCode === null && primary.child.signalCode === null) primary.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers from both workers, and registrations from both get gap-free references and one run per idempotency key', async () => {
    const pids = new Set<number>();
    await eventually(async () => (pids.add((await processes(primary)).pid), pids.size >= 2 ? true : undefined), 'both workers to answer');

    const same = { 'idempotency-key': 'processes-same-key' };
    const results = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => primary.call('POST', '/api/cases', { role: 'intake', body: caseBody(`samtidig ${i}`) })),
      ...Array.from({ length: 8 }, () => primary.call('POST', '/api/cases', { role: 'intake', body: caseBody('en gång'), headers: same })),
    ]);
    const created = results.slice(0, 40);
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    for (const r of created) acked.push({ id: r.body.id, position: Number(r.headers.get('x-event-position')) });
    const keyed = results.slice(40);
    // one ran; the others were answered with its result (or told it was still running)
    expect(keyed.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const ids = new Set(keyed.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    acked.push({ id: [...ids][0] as string, position: Number(keyed.find((r) => r.status === 201)!.headers.get('x-event-position')) });

    const last = Math.max(...acked.map((a) => a.position));
    const list = await primary.call('GET', `/api/cases?minPosition=${last}&pageSize=500`);
    expect(list.body.total).toBe(41); // every registration once, the keyed one once
    const references = list.body.cases.map((c: { reference: string }) => c.reference).sort();
    const numbers = references.map((r: string) => Number(r.split('-').pop()));
    expect(numbers).toEqual(numbers.map((_: number, i: number) => numbers[0] + i)); // gap-free, no reference twice

    const verified = await primary.call('GET', '/api/audit/verify', { role: 'auditor' });
    expect(verified.body).toMatchObject({ ok: true });
  }, 120_000);

  it('restarts an HTTP worker killed with SIGKILL while the other keeps answering, and loses nothing acknowledged', async () => {
    const before = await processes(primary);
    const load = keepRegistering(primary, 6, 'arbetare');
    let after: Processes;
    try {
      await eventually(async () => (load.acked.length >= 10 ? true : undefined), 'registrations under load');
      process.kill(before.workers.pids[0], 'SIGKILL');
      const countAtKill = load.acked.length;
      after = await eventually(async () => {
        const p = await processes(primary);
        return p.workers.pids.length === 2 && !p.workers.pids.includes(before.workers.pids[0]) ? p : undefined;
      }, 'the worker to be restarted');
      await eventually(async () => (load.acked.length >= countAtKill + 20 ? true : undefined), 'registrations after the restart');
    } finally {
      await load.stop();
    }
    expect(after.workers.restarts).toBe(before.workers.restarts + 1);
    acked.push(...load.acked);
    for (const { id } of load.acked) expect((await primary.call('GET', `/api/cases/${id}`)).status).toBe(200);
    expect(primary.output()).toMatch(/HTTP worker \d \(pid \d+\) died \(SIGKILL\); restarting it in \d+ ms/);
  }, 120_000);

  it('restarts the projector killed with SIGKILL mid-batch; it resumes from its checkpoints and applies each event once', async () => {
    const before = await processes(primary);
    const load = keepRegistering(primary, 6, 'projektor');
    try {
      await eventually(async () => (load.acked.length >= 10 ? true : undefined), 'registrations under load');
      process.kill(before.projector.pid!, 'SIGKILL');
      await eventually(async () => {
        const p = await processes(primary);
        return p.projector.pid && p.projector.pid !== before.projector.pid ? p : undefined;
      }, 'the projector to be restarted');
    } finally {
      await load.stop();
    }
    acked.push(...load.acked);
    // The log is the count: a worker killed mid-request (the test before) may have appended a registration it never
    // got to acknowledge, so every acknowledged one is there, and perhaps a few more.
    const log = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const registered = log.prepare("SELECT count(*) AS n, max(position) AS last FROM events WHERE type = 'CaseRegistered.v1'").get() as {
      n: number;
      last: number;
    };
    log.close();
    expect(registered.n).toBeGreaterThanOrEqual(acked.length);
    let listed: unknown;
    const list = await eventually(async () => {
      const res = await primary.call('GET', `/api/cases?minPosition=${registered.last}&pageSize=1`);
      listed = res.body?.total;
      return res.status === 200 && res.body.total === registered.n ? res : undefined;
    }, 'the cases projection to catch up').catch((err: Error) => {
      throw new Error(`${err.message}: it lists ${String(listed)} of the log's ${registered.n} (${acked.length} acknowledged)`);
    });
    expect(list.body.total).toBe(registered.n);
    // The report's counts add up per event: an event applied twice would count twice.
    const year = new Date().getFullYear();
    const report = await primary.call('GET', `/api/reports/yearly?year=${year}&minPosition=${registered.last}`, { role: 'auditor' });
    expect(report.body.totals.casesByType.complaint).toBe(registered.n);
  }, 120_000);

  it('drains an in-flight request in a worker at SIGTERM, then stops every process and releases the lock', async () => {
    // A read that waits (up to 5 s) for a position the log never reaches: in flight until then.
    const slow = primary.call('GET', '/api/cases?minPosition=999999999&pageSize=1');
    await eventually(async () => {
      const metrics = (await primary.call('GET', '/metrics')).body as string;
      return Number(/^http_requests_in_flight (\d+)/m.exec(metrics)?.[1]) >= 2 ? true : undefined; // the slow read and this one
    }, 'the slow read to be in flight');
    primary.child.kill('SIGTERM');
    expect((await slow).status).toBe(200);
    expect(await primary.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'read-models.lock'))).toBe(false);

    // Offline: every chain intact, every acknowledged case there, one personal-data key per case.
    const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    try {
      expect(await verifyEventLog(store)).toMatchObject({ ok: true });
      const registered = (await store.readAll({ types: ['CaseRegistered.v1'] })).map((e) => e.streamId);
      for (const { id } of acked) expect(registered.some((s) => s.endsWith(id))).toBe(true);
      const keys = new Database(join(dataDir, 'keys.sqlite'), { readonly: true });
      try {
        const subjects = keys.prepare('SELECT subject FROM data_keys').pluck().all() as string[];
        expect(subjects.length).toBe(new Set(subjects).size);
        expect(subjects.length).toBeGreaterThanOrEqual(registered.length);
      } finally {
        keys.close();
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
