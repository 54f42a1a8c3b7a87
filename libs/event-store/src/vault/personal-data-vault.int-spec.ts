import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubjectErasedError } from './key-store';
import { EncryptedEnvelope, MissingDataKeyError, PersonalDataVault, SealPlace, VaultDecryptionError } from './personal-data-vault';
import { SqliteKeyStore } from './sqlite-key-store';

// What every key store must do is in test/contract/key-store.contract.ts; this is the vault's crypto on top of one.
const tempDir = () => mkdtempSync(join(tmpdir(), 'synpunkt-vault-'));
const flip = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] ^= 0x01;
  return bytes.toString('base64');
};

describe('PersonalDataVault', () => {
  let vault: PersonalDataVault;
  beforeEach(() => (vault = new PersonalDataVault(SqliteKeyStore.inDataDir(tempDir()))));
  afterEach(() => vault.close());

  const value = { name: 'Åsa Öberg', email: 'asa@example.se', phone: null, tags: ['a', 1] };
  const here: SealPlace = { streamId: 'case-a', eventId: 'e1', path: 'submitter' };
  const seal = async (subject: string, v: unknown, place = here) => (await vault.forSealing([subject])).encrypt(subject, v, place);
  const open = async (e: EncryptedEnvelope, place: SealPlace | undefined, from = vault) =>
    (await from.forReading([e.kid])).decrypt(e, place);

  it('round-trips any JSON value in a versioned envelope', async () => {
    const envelope = await seal('case-a', value);
    expect(envelope).toEqual({
      $enc: 'aes-256-gcm/v2',
      kid: 'case-a',
      iv: expect.any(String),
      ct: expect.any(String),
      tag: expect.any(String),
    });
    expect(Buffer.from(envelope.iv, 'base64')).toHaveLength(12);
    expect(JSON.stringify(envelope)).not.toContain('Öberg');
    expect(await open(envelope, here)).toEqual(value);
    expect(await open(await seal('case-a', 'just text'), here)).toBe('just text');
  });

  it('uses a fresh IV for every encryption: the same plaintext never gives the same ciphertext', async () => {
    const keys = await vault.forSealing(['case-a']);
    const envelopes = Array.from({ length: 200 }, () => keys.encrypt('case-a', value, here));
    expect(new Set(envelopes.map((e) => e.iv)).size).toBe(200);
    expect(new Set(envelopes.map((e) => e.ct)).size).toBe(200);
    const reading = await vault.forReading(['case-a']);
    envelopes.forEach((e) => expect(reading.decrypt(e, here)).toEqual(value));
  });

  it('fails loudly when the ciphertext, tag or IV was altered, or the envelope relabelled to another subject', async () => {
    const e = await seal('case-a', value);
    await seal('case-b', 'other');
    const altered: EncryptedEnvelope[] = [
      { ...e, ct: flip(e.ct) },
      { ...e, tag: flip(e.tag) },
      { ...e, iv: flip(e.iv) },
      { ...e, kid: 'case-b' },
    ];
    for (const a of altered) await expect(open(a, here)).rejects.toThrow(VaultDecryptionError);
    expect(await open(e, here)).toEqual(value);
  });

  it('reads { erased: true } once the key is shredded, and refuses to encrypt for that subject again', async () => {
    const e = await seal('case-a', value);
    const other = await seal('case-b', 'kept');
    const sealing = await vault.forSealing(['case-a']);
    await vault.shred('case-a');
    expect(await open(e, here)).toEqual({ erased: true });
    expect(await open(other, here)).toBe('kept');
    await expect(seal('case-a', 'new')).rejects.toThrow(SubjectErasedError);
    expect(await vault.isErased('case-a')).toBe(true);
    // A value sealed with keys fetched before the shred opens no more than the others.
    expect(await open(sealing.encrypt('case-a', 'late', here), here)).toEqual({ erased: true });
  });

  it('binds a value to its place: moved to another stream, event or field, or read without a place, it does not open', async () => {
    const e = await seal('case-a', value);
    const elsewhere: SealPlace[] = [
      { ...here, streamId: 'case-b' },
      { ...here, eventId: 'e2' },
      { ...here, path: 'description' },
    ];
    for (const place of elsewhere) await expect(open(e, place)).rejects.toThrow(/moved from its place/);
    await expect(open(e, undefined)).rejects.toThrow(/without its place/);
    expect(await open(e, { ...here })).toEqual(value);
  });

  it('still opens a v1 envelope (bound to its key id only) wherever it stands', async () => {
    const made = await vault.keys.ensure(['case-a', 'case-b']);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', made.get('case-a')!.key!, iv, { authTagLength: 16 });
    cipher.setAAD(Buffer.from('aes-256-gcm/v1\ncase-a', 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify('gammalt värde'), 'utf8'), cipher.final()]);
    const v1: EncryptedEnvelope = {
      $enc: 'aes-256-gcm/v1',
      kid: 'case-a',
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
    expect(await open(v1, here)).toBe('gammalt värde');
    expect(await open(v1, undefined)).toBe('gammalt värde');
    await expect(open({ ...v1, kid: 'case-b' }, here)).rejects.toThrow(VaultDecryptionError);
  });

  it('does not pass a lost key store off as erasure', async () => {
    const e = await seal('case-a', value);
    const stranger = new PersonalDataVault(SqliteKeyStore.inDataDir(tempDir()));
    await expect(open(e, here, stranger)).rejects.toThrow(MissingDataKeyError);
    await stranger.close();
  });

  it('makes the keys of subjects asked for in the same turn in one call to the key store', async () => {
    const ensure = jest.spyOn(vault.keys, 'ensure');
    const rings = await Promise.all(Array.from({ length: 50 }, (_, i) => vault.forSealing([`case-${i}`, `case-${i % 5}`])));
    expect(ensure).toHaveBeenCalledTimes(1);
    expect(rings[7].encrypt('case-7', 'x', here).kid).toBe('case-7');
  });

  it("fetches a new subject's key in one call to the key store: no look-up before it is made", async () => {
    const lookup = jest.spyOn(vault.keys, 'lookup');
    const ensure = jest.spyOn(vault.keys, 'ensure');
    const made = await seal('case-a', value);
    expect([lookup.mock.calls.length, ensure.mock.calls.length]).toEqual([0, 1]);
    await seal('case-a', 'again'); // an existing key: one call again
    expect([lookup.mock.calls.length, ensure.mock.calls.length]).toEqual([0, 2]);
    expect(await open(made, here)).toEqual(value);
  });
});
