import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decider, DomainEvent, RecordedEvent } from '@app/core';
import { handleCommand } from '@app/core/write';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { UpcasterRegistry } from '../upcasters';
import { verifyEventLog } from '../verify';
import { EncryptingEventStore } from './encrypting-event-store';
import { SubjectErasedError } from './key-store';
import { SqliteKeyStore } from './sqlite-key-store';
import { dataOf, PersonalDataPolicy } from './personal-data-policy';
import { PersonalDataVault, VaultDecryptionError } from './personal-data-vault';

const policy = new PersonalDataPolicy({
  'CaseRegistered.v1': { subject: (e) => dataOf(e).caseId as string, fields: ['submitter', 'description'] },
  'ComplainantReplied.v1': { subject: (e) => dataOf(e).caseId as string, fields: ['message', 'from.email'] },
});

const registered = (caseId: string, name = 'Åsa Öberg') => ({
  type: 'CaseRegistered.v1',
  data: { caseId, unitId: 'hgb', description: `${name} klagar på maten`, submitter: { name, email: 'asa@example.se' } },
  metadata: { actor: { sub: 'intake-1' } },
});
const replied = (caseId: string) => ({
  type: 'ComplainantReplied.v1',
  data: { caseId, message: 'Tack för svaret', from: { name: 'kept in the clear', email: 'asa@example.se' } },
});
type Json = Record<string, unknown>;
const closed = (caseId: string) => ({ type: 'CaseClosed.v1', data: { caseId, resolution: 'answered' } });

function open(options: { upcasters?: UpcasterRegistry } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-encrypting-'));
  const inner = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollMs: 20 });
  const store = new EncryptingEventStore(inner, new PersonalDataVault(SqliteKeyStore.inDataDir(dir)), policy, options);
  return { dir, inner, store, verify: () => verifyEventLog(store, { heads: () => inner.streamHeads() }) };
}

async function take(store: EncryptingEventStore, n: number, raw = false): Promise<RecordedEvent[]> {
  const sub = store.subscribe({ raw });
  const out: RecordedEvent[] = [];
  for await (const e of sub) {
    out.push(e);
    if (out.length === n) break;
  }
  await sub.close();
  return out;
}

describe('EncryptingEventStore over SQLite', () => {
  let ctx: ReturnType<typeof open>;
  beforeEach(() => (ctx = open()));
  afterEach(() => ctx.store.close());

  it('stores the policy fields sealed and gives them back in the clear on every read path', async () => {
    const written = await ctx.store.append('case-1', [registered('1'), replied('1'), closed('1')]);
    expect(written.events.map((e) => e.data)).toEqual([registered('1').data, replied('1').data, closed('1').data]);

    const stored = await ctx.inner.readStream('case-1');
    expect(JSON.stringify(stored.map((e) => [e.data, e.metadata]))).not.toMatch(/Öberg|asa@example|Tack för/);
    expect(stored[0].data).toMatchObject({ caseId: '1', unitId: 'hgb', submitter: { $enc: 'aes-256-gcm/v2', kid: '1' } });
    expect(stored[1].data).toMatchObject({ from: { name: 'kept in the clear', email: { $enc: 'aes-256-gcm/v2' } } });
    expect(stored[2].data).toEqual(closed('1').data);

    const expected = [registered('1').data, replied('1').data, closed('1').data];
    expect((await ctx.store.readStream('case-1')).map((e) => e.data)).toEqual(expected);
    expect((await ctx.store.readAll()).map((e) => e.data)).toEqual(expected);
    expect((await take(ctx.store, 3)).map((e) => e.data)).toEqual(expected);
    expect((await ctx.store.readAll({ raw: true })).map((e) => e.data)).toEqual(stored.map((e) => e.data));
    expect(JSON.stringify((await take(ctx.store, 3, true)).map((e) => e.data))).not.toContain('Öberg');
    expect(await ctx.verify()).toEqual({ ok: true, eventsChecked: 3, streamsChecked: 1 });
  });

  it('after shred: personal fields read as { erased: true }, the rest stays, the chain still verifies', async () => {
    await ctx.store.append('case-1', [registered('1'), replied('1')]);
    await ctx.store.append('case-2', [registered('2', 'Bo Ek')]);
    await ctx.store.shred('1');
    const erased = { erased: true };
    for (const events of [
      await ctx.store.readStream('case-1'),
      await ctx.store.readAll({ streamPrefix: 'case-1' }),
      await take(ctx.store, 2),
    ]) {
      expect(events[0].data).toEqual({ caseId: '1', unitId: 'hgb', description: erased, submitter: erased });
      expect(events[1].data).toEqual({ caseId: '1', message: erased, from: { name: 'kept in the clear', email: erased } });
    }
    expect((await ctx.store.readStream('case-2'))[0].data).toEqual(registered('2', 'Bo Ek').data);
    expect(await ctx.verify()).toEqual({ ok: true, eventsChecked: 3, streamsChecked: 2 });
  });

  it('refuses a sealed value moved to another case, field or event, though each is a valid envelope', async () => {
    await ctx.store.append('case-1', [registered('1')]);
    await ctx.store.append('case-2', [registered('2', 'Bo Ek')]);
    const [stored] = await ctx.inner.readStream('case-1');
    const { submitter, description } = stored.data as Record<string, unknown>;
    // Written past the vault, as someone with write access to the log could: every copy is a well-formed envelope.
    await ctx.inner.append('case-2', [{ type: 'CaseRegistered.v1', data: { caseId: '2', submitter } }]);
    await ctx.inner.append('case-1', [
      { type: 'CaseRegistered.v1', data: { caseId: '1', description: submitter } },
      { type: 'CaseRegistered.v1', data: { caseId: '1', submitter, description } },
    ]);
    const events = await ctx.inner.readStream('case-1');
    expect(events).toHaveLength(3);
    await expect(ctx.store.readStream('case-2')).rejects.toThrow(/sealed for 2/);
    const read = (e: RecordedEvent) => ctx.store.readAll({ after: e.position - 1n, limit: 1 });
    await expect(read(events[1])).rejects.toThrow(/moved from its place/); // another field
    await expect(read(events[2])).rejects.toThrow(/moved from its place/); // another event
    expect((await read(events[0]))[0].data).toEqual(registered('1').data); // the original still opens
  });

  it('refuses a value sealed for another case also once the case it was moved into is erased (never read as erased)', async () => {
    await ctx.store.append('case-1', [registered('1')]);
    const [stored] = await ctx.inner.readStream('case-1');
    await ctx.inner.append('case-2', [{ type: 'CaseRegistered.v1', data: { caseId: '2', submitter: (stored.data as Json).submitter } }]);
    await ctx.store.shred('2');
    await expect(ctx.store.readStream('case-2')).rejects.toThrow(/sealed for 2/);
  });

  it('opens fields kept sealed through a fold by the rules a read opens them by, erasure included', async () => {
    await ctx.inner.append('case-1', [{ type: 'CaseRegistered.v1', data: { caseId: '1', description: 'i klartext' } }]);
    await ctx.store.append('case-1', [registered('1')]);
    const events = await ctx.store.readAll({ sealed: true });
    const fields = events.flatMap((e) =>
      ['submitter', 'description']
        .filter((path) => path in (e.data as Json))
        .map((path) => ({ subject: '1', place: { streamId: e.streamId, eventId: e.id, path }, value: (e.data as Json)[path] })),
    );
    const { submitter, description } = registered('1').data;
    expect(await ctx.store.openFields(fields)).toEqual(['i klartext', submitter, description]);
    await ctx.store.shred('1');
    expect(await ctx.store.openFields(fields)).toEqual([{ erased: true }, { erased: true }, { erased: true }]);
    await expect(ctx.store.openFields([{ ...fields[1], subject: '2' }])).rejects.toThrow(/sealed for 2/);
  });

  it('reads fields written in the clear before the policy sealed them as erased once the subject is', async () => {
    const legacy = { type: 'CaseRegistered.v1', data: { caseId: '1', unitId: 'hgb', description: 'Skrivet i klartext 2025' } };
    await ctx.inner.append('case-1', [legacy]); // as an older version wrote it, before description was sealed
    await ctx.store.append('case-2', [registered('2', 'Bo Ek')]);
    expect((await ctx.store.readStream('case-1'))[0].data).toEqual(legacy.data);
    await ctx.store.shred('1');
    expect((await ctx.store.readStream('case-1'))[0].data).toEqual({ caseId: '1', unitId: 'hgb', description: { erased: true } });
    expect((await ctx.store.readAll())[0].data).toEqual({ caseId: '1', unitId: 'hgb', description: { erased: true } });
    expect((await ctx.store.readStream('case-2'))[0].data).toEqual(registered('2', 'Bo Ek').data);
  });

  it('rejects an append for a shredded subject and stores nothing of it', async () => {
    await ctx.store.append('case-1', [registered('1')]);
    await ctx.store.shred('1');
    await expect(ctx.store.append('case-1', [closed('1'), replied('1')])).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await ctx.inner.readStream('case-1')).toHaveLength(1);
    await ctx.store.append('case-1', [closed('1')]); // events without personal data still go in
    expect(await ctx.inner.readStream('case-1')).toHaveLength(2);
  });

  it('refuses a covered event without a subject, and envelope shapes smuggled in by a caller', async () => {
    await expect(ctx.store.append('case-x', [{ type: 'CaseRegistered.v1', data: { description: 'x' } }])).rejects.toThrow(/subject/);
    const smuggled = { type: 'Note.v1', data: { note: { $enc: 'aes-256-gcm/v1', kid: '1', iv: '', ct: '', tag: '' } } };
    await expect(ctx.store.append('case-x', [smuggled])).rejects.toThrow(/\$enc/);
    expect(await ctx.inner.headPosition()).toBe(0n);
  });

  it('replays a decider over erased events', async () => {
    type State = { registered: boolean; closed: boolean; submitter?: unknown };
    const decider: Decider<State, 'close', DomainEvent> = {
      initialState: () => ({ registered: false, closed: false }),
      evolve: (s, e) =>
        e.type === 'CaseRegistered.v1'
          ? { ...s, registered: true, submitter: dataOf({ streamId: '', ...e }).submitter }
          : e.type === 'CaseClosed.v1'
            ? { ...s, closed: true }
            : s,
      decide: (_, s) => (s.registered && !s.closed ? [closed('1')] : []),
    };
    await ctx.store.append('case-1', [registered('1')]);
    await ctx.store.shred('1');
    const result = await handleCommand(ctx.store, decider, 'case-1', 'close');
    expect(result.state).toEqual({ registered: true, closed: true, submitter: { erased: true } });
    expect(result.revision).toBe(1n);
  });

  it('a ciphertext altered on disk is an error on read (never silently erased), and verify names the event', async () => {
    await ctx.store.append('case-1', [registered('1'), closed('1')]);
    await ctx.store.close();
    const file = join(ctx.dir, 'events.sqlite');
    const db = new Database(file);
    db.exec('DROP TRIGGER events_immutable');
    const [position, data] = db.prepare("SELECT position, data FROM events WHERE type = 'CaseRegistered.v1'").raw().get() as [
      number,
      string,
    ];
    const tampered = JSON.parse(data);
    const ct = Buffer.from(tampered.description.ct, 'base64');
    ct[3] ^= 0x20;
    tampered.description.ct = ct.toString('base64');
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(tampered), position);
    db.close();

    const store = new EncryptingEventStore(
      new SqliteEventStore({ path: file }),
      new PersonalDataVault(SqliteKeyStore.inDataDir(ctx.dir)),
      policy,
    );
    ctx = { ...ctx, store };
    await expect(store.readStream('case-1')).rejects.toBeInstanceOf(VaultDecryptionError);
    expect(await verifyEventLog(store)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'case-1', revision: '0', reason: expect.stringMatching(/altered/) },
    });
  });

  it('runs upcasters that need plaintext after decryption', async () => {
    await ctx.store.close();
    const upcasters = new UpcasterRegistry().register('CaseRegistered.v1', (e) => {
      const d = e.data as { submitter: { name: string } | { erased: true } };
      return { type: 'CaseRegistered.v2', data: { ...d, submitterInitial: 'name' in d.submitter ? d.submitter.name[0] : null } };
    });
    ctx = open({ upcasters });
    await ctx.store.append('case-1', [registered('1')]);
    expect((await ctx.store.readStream('case-1'))[0]).toMatchObject({ type: 'CaseRegistered.v2', data: { submitterInitial: 'Å' } });
    await ctx.store.shred('1');
    expect((await ctx.store.readAll())[0]).toMatchObject({ type: 'CaseRegistered.v2', data: { submitterInitial: null } });
    expect((await ctx.store.readAll({ raw: true }))[0].type).toBe('CaseRegistered.v1');
  });
});
