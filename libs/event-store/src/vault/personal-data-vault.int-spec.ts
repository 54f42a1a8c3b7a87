import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@app/core';
import { KeyStore, KEY_STORE_FILE, SubjectErasedError } from './key-store';
import { EncryptedEnvelope, MissingDataKeyError, PersonalDataVault, SealPlace, VaultDecryptionError } from './personal-data-vault';

const tempDir = () => mkdtempSync(join(tmpdir(), 'synpunkt-vault-'));
const flip = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] ^= 0x01;
  return bytes.toString('base64');
};

describe('KeyStore', () => {
  it('creates one 32-byte key per subject and finds it again after reopening', () => {
    const dir = tempDir();
    const keys = KeyStore.inDataDir(dir);
    const a = keys.getOrCreate('case-a');
    expect(a).toHaveLength(32);
    expect(keys.getOrCreate('case-a').equals(a)).toBe(true);
    expect(keys.getOrCreate('case-b').equals(a)).toBe(false);
    keys.close();
    const again = new KeyStore({ path: join(dir, KEY_STORE_FILE) });
    expect(again.get('case-a')?.equals(a)).toBe(true);
    expect(again.get('never')).toBeUndefined();
    again.close();
  });

  it('shreds for good: no key, a tombstone that keeps its first instant, and never a new key', () => {
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    const keys = KeyStore.inDataDir(tempDir(), clock);
    keys.getOrCreate('case-a');
    expect(keys.shred('case-a')).toEqual({ subject: 'case-a', shreddedAt: '2026-03-01T10:00:00.000Z' });
    clock.advance(60_000);
    expect(keys.shred('case-a').shreddedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(keys.get('case-a')).toBeUndefined();
    expect(() => keys.getOrCreate('case-a')).toThrow(SubjectErasedError);
    keys.shred('case-never-keyed');
    expect(() => keys.getOrCreate('case-never-keyed')).toThrow(SubjectErasedError);
    keys.close();
  });
});

describe('PersonalDataVault', () => {
  let vault: PersonalDataVault;
  beforeEach(() => (vault = new PersonalDataVault(KeyStore.inDataDir(tempDir()))));
  afterEach(() => vault.close());

  const value = { name: 'Åsa Öberg', email: 'asa@example.se', phone: null, tags: ['a', 1] };
  const here: SealPlace = { streamId: 'case-a', eventId: 'e1', path: 'submitter' };

  it('round-trips any JSON value in a versioned envelope', () => {
    const envelope = vault.encrypt('case-a', value, here);
    expect(envelope).toEqual({
      $enc: 'aes-256-gcm/v2',
      kid: 'case-a',
      iv: expect.any(String),
      ct: expect.any(String),
      tag: expect.any(String),
    });
    expect(Buffer.from(envelope.iv, 'base64')).toHaveLength(12);
    expect(JSON.stringify(envelope)).not.toContain('Öberg');
    expect(vault.decrypt(envelope, here)).toEqual(value);
    expect(vault.decrypt(vault.encrypt('case-a', 'just text', here), here)).toBe('just text');
  });

  it('uses a fresh IV for every encryption: the same plaintext never gives the same ciphertext', () => {
    const envelopes = Array.from({ length: 200 }, () => vault.encrypt('case-a', value, here));
    expect(new Set(envelopes.map((e) => e.iv)).size).toBe(200);
    expect(new Set(envelopes.map((e) => e.ct)).size).toBe(200);
    envelopes.forEach((e) => expect(vault.decrypt(e, here)).toEqual(value));
  });

  it('fails loudly when the ciphertext, tag or IV was altered, or the envelope relabelled to another subject', () => {
    const e = vault.encrypt('case-a', value, here);
    vault.encrypt('case-b', 'other', here);
    const altered: EncryptedEnvelope[] = [
      { ...e, ct: flip(e.ct) },
      { ...e, tag: flip(e.tag) },
      { ...e, iv: flip(e.iv) },
      { ...e, kid: 'case-b' },
    ];
    for (const a of altered) expect(() => vault.decrypt(a, here)).toThrow(VaultDecryptionError);
    expect(vault.decrypt(e, here)).toEqual(value);
  });

  it('reads { erased: true } once the key is shredded, and refuses to encrypt for that subject again', () => {
    const e = vault.encrypt('case-a', value, here);
    const other = vault.encrypt('case-b', 'kept', here);
    vault.shred('case-a');
    expect(vault.decrypt(e, here)).toEqual({ erased: true });
    expect(vault.decrypt(other, here)).toBe('kept');
    expect(() => vault.encrypt('case-a', 'new', here)).toThrow(SubjectErasedError);
    expect(vault.isErased('case-a')).toBe(true);
  });

  it('binds a value to its place: moved to another stream, event or field, or read without a place, it does not open', () => {
    const e = vault.encrypt('case-a', value, here);
    const elsewhere: SealPlace[] = [
      { ...here, streamId: 'case-b' },
      { ...here, eventId: 'e2' },
      { ...here, path: 'description' },
    ];
    for (const place of elsewhere) expect(() => vault.decrypt(e, place)).toThrow(/moved from its place/);
    expect(() => vault.decrypt(e, undefined)).toThrow(/without its place/);
    expect(vault.decrypt(e, { ...here })).toEqual(value);
  });

  it('still opens a v1 envelope (bound to its key id only) wherever it stands', () => {
    const key = vault.keys.getOrCreate('case-a');
    vault.keys.getOrCreate('case-b');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    cipher.setAAD(Buffer.from('aes-256-gcm/v1\ncase-a', 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify('gammalt värde'), 'utf8'), cipher.final()]);
    const v1: EncryptedEnvelope = {
      $enc: 'aes-256-gcm/v1',
      kid: 'case-a',
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
    expect(vault.decrypt(v1, here)).toBe('gammalt värde');
    expect(vault.decrypt(v1, undefined)).toBe('gammalt värde');
    expect(() => vault.decrypt({ ...v1, kid: 'case-b' }, here)).toThrow(VaultDecryptionError);
  });

  it('does not pass a lost key store off as erasure', () => {
    const e = vault.encrypt('case-a', value, here);
    const stranger = new PersonalDataVault(KeyStore.inDataDir(tempDir()));
    expect(() => stranger.decrypt(e, here)).toThrow(MissingDataKeyError);
    stranger.close();
  });
});
