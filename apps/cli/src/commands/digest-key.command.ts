import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyIdOf } from '@app/audit';
import { isUnder } from '@app/platform';
import { RegisterCommand } from '../cli-context';

/**
 * The key that signs log digests. It must live where an intruder who can write DATA_DIR cannot read it, or they could
 * re-sign a rewritten log; its public half goes where they cannot change it either (published, registered with diariet).
 */
export const registerDigestKeyCommand: RegisterCommand = (program, ctx) => {
  const keys = program.command('digest-key').description('the Ed25519 key that signs log digests (kept outside DATA_DIR)');
  keys
    .command('create')
    .description('create a signing key pair: the private key into a new owner-only file, the public key printed to publish')
    .requiredOption('--out <file>', 'the new private key file (PEM), outside DATA_DIR, e.g. /etc/synpunkt/digest-signing.pem')
    .action((opts: { out: string }) => {
      const file = resolve(opts.out);
      const dataDir = resolve(ctx.env.DATA_DIR?.trim() || './data');
      if (isUnder(file, dataDir))
        throw new Error(`--out must lie outside DATA_DIR (${dataDir}): whoever can write DATA_DIR could re-sign a rewritten log`);
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} exists: a signing key is never overwritten`);
        throw err;
      }
      ctx.err(
        `wrote the private key to ${file} (mode 600); give the API DIGEST_SIGNING_KEY_FILE=${file} and keep a copy offline.\n` +
          `Publish the public key below (fingerprint ${keyIdOf(publicKey)}) where it cannot be changed from this server:\n` +
          'register it with the registrar (diariet) and put it on the municipality’s website. Auditors check the log with\n' +
          '`npm run cli -- verify --public-key <that file>`.\n',
      );
      ctx.out(publicKey.export({ type: 'spki', format: 'pem' }) as string);
    });
};
