import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { checkSignature, DigestStatement, keyIdOf, signDigest, signerFromKey } from './digest-signing';

const statement: DigestStatement = { digest: 'ab'.repeat(32), streams: 2, events: 5, position: '5', takenAt: '2026-03-02T09:00:00.000Z' };
const ed25519 = () => generateKeyPairSync('ed25519');

describe('signing a log digest', () => {
  const { privateKey, publicKey } = ed25519();
  const signed = signDigest(statement, signerFromKey(privateKey));

  it('carries the key id, the public key’s SHA-256 fingerprint', () => {
    expect(signed.keyId).toBe(keyIdOf(publicKey));
    expect(signed.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(keyIdOf(createPublicKey(privateKey))).toBe(signed.keyId);
  });

  it('verifies with the public key', () => {
    expect(checkSignature(signed, publicKey)).toBe('valid');
  });

  it.each([
    ['digest', { digest: 'cd'.repeat(32) }],
    ['event count', { events: 6 }],
    ['stream count', { streams: 3 }],
    ['position', { position: '4' }],
    ['time taken', { takenAt: '2026-03-01T09:00:00.000Z' }],
  ])('does not verify once its %s changed', (_, change) => {
    expect(checkSignature({ ...signed, ...change }, publicKey)).toBe('invalid');
  });

  it('tells a digest signed with another key, and one not signed at all', () => {
    expect(checkSignature(signed, ed25519().publicKey)).toBe('another key');
    expect(checkSignature(statement, publicKey)).toBe('unsigned');
  });

  it('does not verify a signature made by another key under this key’s id', () => {
    const forged = signDigest(statement, { ...signerFromKey(ed25519().privateKey), keyId: keyIdOf(publicKey) });
    expect(checkSignature(forged, publicKey)).toBe('invalid');
  });

  it('refuses a key that is not Ed25519', () => {
    const { privateKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signerFromKey(rsa)).toThrow(/Ed25519/);
  });
});
