import { mkdtempSync } from 'node:fs';
import { filesUnder } from '@app/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { verifyEventLog } from '../verify';
import { EncryptingEventStore } from './encrypting-event-store';
import { SqliteKeyStore } from './sqlite-key-store';
import { dataOf, PersonalDataPolicy } from './personal-data-policy';
import { EncryptedEnvelope, PersonalDataVault } from './personal-data-vault';

const NAME = 'Zlatan Öberg-Xyzzy';
const CONTROL = 'Kontroll-Qwertyuiop'; // stored in the clear on purpose: proves the scan sees text in these files

const policy = new PersonalDataPolicy({
  'CaseRegistered.v1': { subject: (e) => dataOf(e).caseId as string, fields: ['submitter', 'description'] },
});

const foundIn = (files: Map<string, Buffer>, needle: Buffer | string) =>
  [...files].filter(([, bytes]) => bytes.includes(typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle)).map(([p]) => p);

/** The forms a name or key could take in a file: raw bytes, UTF-16, JSON escapes, base64, hex. */
function forms(value: string | Buffer): Buffer[] {
  if (Buffer.isBuffer(value)) return [value, Buffer.from(value.toString('base64')), Buffer.from(value.toString('hex'))];
  return [
    Buffer.from(value, 'utf8'),
    Buffer.from(value, 'utf16le'),
    Buffer.from(
      JSON.stringify(value)
        .slice(1, -1)
        .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ),
    Buffer.from('Xyzzy'),
  ];
}

describe('erasure on disk', () => {
  it('after shred and checkpoint, neither the name nor the key is anywhere under DATA_DIR; the ciphertext is', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-erasure-'));
    const inner = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    const keys = SqliteKeyStore.inDataDir(dataDir);
    const store = new EncryptingEventStore(inner, new PersonalDataVault(keys), policy);

    // Many other subjects around the one we erase, so its key shares pages with others and pages split.
    for (let i = 0; i < 400; i++) {
      await store.append(`case-${i}`, [
        { type: 'CaseRegistered.v1', data: { caseId: `c${i}`, description: `Ärende ${i}`, submitter: { name: `Person ${i}` } } },
      ]);
    }
    await store.append('case-z', [
      {
        type: 'CaseRegistered.v1',
        data: {
          caseId: 'cz',
          unitId: 'hgb',
          note: CONTROL,
          description: `${NAME} ringde om bygglovet`,
          submitter: { name: NAME, email: 'zlatan.xyzzy@example.se' },
        },
      },
      { type: 'CaseRegistered.v1', data: { caseId: 'cz', description: NAME, submitter: { name: NAME } } },
    ]);
    const key = Buffer.from((await keys.lookup(['cz'])).get('cz')!.key!);
    const ciphertexts = (await inner.readStream('case-z'))
      .flatMap((e) => Object.values(e.data as Record<string, unknown>))
      .filter((v): v is EncryptedEnvelope => typeof v === 'object' && v !== null && '$enc' in v)
      .map((v) => v.ct);
    expect(ciphertexts).toHaveLength(4);

    inner.checkpoint();
    keys.checkpoint();
    const before = filesUnder(dataDir);
    expect(foundIn(before, key)).toEqual([join(dataDir, 'keys.sqlite')]); // the scan does find key bytes while they exist
    expect(foundIn(before, CONTROL)).toEqual([join(dataDir, 'events.sqlite')]); // and clear text in the event file
    for (const form of forms(NAME)) expect(foundIn(before, form)).toEqual([]); // the name was never stored in the clear

    const receipt = await store.shred('cz');
    expect(receipt.subject).toBe('cz');
    expect((await store.readStream('case-z'))[0].data).toMatchObject({
      description: { erased: true },
      submitter: { erased: true },
      note: CONTROL,
    });
    expect(await verifyEventLog(store, { heads: () => inner.streamHeads() })).toMatchObject({ ok: true, eventsChecked: 402 });
    expect((await store.readStream('case-7'))[0].data).toMatchObject({ submitter: { name: 'Person 7' } });
    inner.checkpoint();
    keys.checkpoint();
    await store.close();

    const after = filesUnder(dataDir);
    expect([...after.keys()].sort()).toEqual([join(dataDir, 'events.sqlite'), join(dataDir, 'keys.sqlite')]);
    for (const form of [...forms(NAME), ...forms(key)]) expect(foundIn(after, form)).toEqual([]);
    for (const ct of ciphertexts) expect(foundIn(after, ct)).toEqual([join(dataDir, 'events.sqlite')]);
    expect(foundIn(after, CONTROL)).toEqual([join(dataDir, 'events.sqlite')]);

    // And a fresh process sees the same: erased, not an error, and no new key for the subject.
    const reopened = new EncryptingEventStore(
      new SqliteEventStore({ path: join(dataDir, 'events.sqlite') }),
      new PersonalDataVault(SqliteKeyStore.inDataDir(dataDir)),
      policy,
    );
    expect((await reopened.readAll({ streamPrefix: 'case-z' })).map((e) => (e.data as { submitter: unknown }).submitter)).toEqual([
      { erased: true },
      { erased: true },
    ]);
    await expect(reopened.append('case-z', [{ type: 'CaseRegistered.v1', data: { caseId: 'cz', description: NAME } }])).rejects.toThrow(
      /erased/,
    );
    await reopened.close();
  });
});
