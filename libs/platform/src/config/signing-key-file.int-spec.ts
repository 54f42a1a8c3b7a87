import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

/** DIGEST_SIGNING_KEY_FILE is refused at start unless an intruder who can write DATA_DIR could not read it. */
describe('DIGEST_SIGNING_KEY_FILE', () => {
  const root = mkdtempSync(join(tmpdir(), 'synpunkt-keyfile-'));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const pem = (type: 'ed25519' | 'x25519') => generateKeyPairSync(type as 'ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  const keyFile = (name: string, mode = 0o600, content: string | Buffer = pem('ed25519')) => {
    const file = join(root, name);
    writeFileSync(file, content, { mode });
    chmodSync(file, mode);
    return file;
  };
  const load = (file: string) => loadConfig({ DATA_DIR: dataDir, DIGEST_SIGNING_KEY_FILE: file });
  const problem = (file: string) => {
    try {
      load(file);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems.join('\n');
    }
    throw new Error('accepted');
  };

  it('is optional: without it digests are unsigned', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).digestSigningKeyFile).toBeUndefined();
  });

  it('accepts an owner-only Ed25519 key outside DATA_DIR', () => {
    const file = keyFile('ok.pem');
    expect(load(file).digestSigningKeyFile).toBe(file);
  });

  it('refuses a key under DATA_DIR', () => {
    const file = join(dataDir, 'signing.pem');
    writeFileSync(file, pem('ed25519'), { mode: 0o600 });
    expect(problem(file)).toMatch(/must lie outside DATA_DIR/);
  });

  it.each([0o640, 0o604, 0o660])('refuses a key that group or others may read or write (mode %o)', (mode) => {
    expect(problem(keyFile(`open-${mode.toString(8)}.pem`, mode))).toMatch(/readable by its owner only.*chmod 600/);
  });

  it('refuses a missing file, naming how to create one', () => {
    expect(problem(join(root, 'nope.pem'))).toMatch(/cannot be read.*digest-key create/);
  });

  it('refuses what is not an Ed25519 private key', () => {
    expect(problem(keyFile('x25519.pem', 0o600, pem('x25519')))).toMatch(/Ed25519 private key, .* holds x25519/);
    expect(problem(keyFile('junk.pem', 0o600, 'not a key'))).toMatch(/Ed25519 private key in PEM/);
  });
});
