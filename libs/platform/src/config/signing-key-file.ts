import { createPrivateKey } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** Is `path` `dir` itself or inside it, after following symbolic links where they exist? */
export function isUnder(path: string, dir: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync.native(p);
    } catch {
      return resolve(p); // not there yet: compare as written
    }
  };
  const rel = relative(real(dir), real(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * What is wrong with DIGEST_SIGNING_KEY_FILE, if anything. The key is what an intruder with write access to DATA_DIR
 * lacks: a key under DATA_DIR, or one others on the host can read, would let them re-sign a rewritten log.
 */
export function digestSigningKeyProblems(file: string, dataDir: string): string[] {
  if (isUnder(file, dataDir)) {
    return [`DIGEST_SIGNING_KEY_FILE must lie outside DATA_DIR (${dataDir}): whoever can write DATA_DIR could re-sign a rewritten log`];
  }
  let mode: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return [`DIGEST_SIGNING_KEY_FILE must be a file, got "${file}"`];
    mode = stat.mode & 0o777;
  } catch {
    return [`DIGEST_SIGNING_KEY_FILE cannot be read: "${file}" (create one with: npm run cli -- digest-key create --out ${file})`];
  }
  if (process.platform !== 'win32' && mode & 0o077) {
    return [`DIGEST_SIGNING_KEY_FILE must be readable by its owner only, but "${file}" has mode ${mode.toString(8)}: chmod 600 it`];
  }
  try {
    const key = createPrivateKey(readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519') {
      return [`DIGEST_SIGNING_KEY_FILE must hold an Ed25519 private key, "${file}" holds ${key.asymmetricKeyType}`];
    }
  } catch {
    return [`DIGEST_SIGNING_KEY_FILE must hold an Ed25519 private key in PEM, "${file}" does not`];
  }
  return [];
}
