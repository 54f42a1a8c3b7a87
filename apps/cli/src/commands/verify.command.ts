import { readFileSync } from 'node:fs';
import { referenceGaps } from '@app/cases';
import { storeChecks, verifyEventLog } from '@app/event-store';
import { headsAtLastSignedDigest, logDigest, parseExportedDigest, readPublicKey, verifyDigests, verifyExportedDigest } from '@app/audit';
import { RegisterCommand } from '../cli-context';
import { withStore } from '../app-context';
import { eventsInLog, progressBar } from '../progress';

interface VerifyOptions {
  digest?: string;
  position?: string;
  publicKey?: string;
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

export const registerVerifyCommand: RegisterCommand = (program, ctx) =>
  program
    .command('verify')
    .description('walk every stream’s hash chain and report the first broken link; print the log digest to publish')
    .option('--digest <hex|file>', 'compare the log with a digest published earlier: its hex (with --position), or a digest-export file')
    .option('--position <n>', 'the position that digest was taken at')
    .option(
      '--public-key <file>',
      'the published public key (PEM): check every recorded digest’s signature and that the log still matches it',
    )
    .action(async (opts: VerifyOptions) => {
      // Read what the auditor brought before opening the store: a wrong file is named at once.
      const publicKey = opts.publicKey ? readKey(opts.publicKey) : undefined;
      const exported = opts.digest && !HEX_DIGEST.test(opts.digest) ? parseExportedDigest(readFileSync(opts.digest, 'utf8')) : undefined;
      if (exported && !publicKey) throw new Error('a digest file is checked against the published key: add --public-key <file>');
      const hex = opts.digest && !exported ? opts.digest : undefined;
      await withStore(ctx, async (store, config) => {
        const bar = progressBar(ctx, 'verify', await eventsInLog(store));
        const report = await verifyEventLog(store, { ...storeChecks(store), onProgress: (n) => bar.update(n) });
        bar.stop();
        const signedHeads = await headsAtLastSignedDigest(store, publicKey);
        const digest = await logDigest(store, opts.position ? BigInt(opts.position) : undefined);
        const digestMatches = hex ? digest.digest === hex : undefined;
        const signedDigests = publicKey ? await verifyDigests(store, publicKey) : undefined;
        const digestFile = exported ? await verifyExportedDigest(store, exported, publicKey!) : undefined;
        const ok =
          report.ok && signedHeads?.ok !== false && digestMatches !== false && signedDigests?.ok !== false && digestFile?.ok !== false;
        // Listed, not failed on: a void explains a number; an unexplained one may be a registration that died minutes ago.
        const references = await referenceGaps(store, new Date(), config.referenceVoidAfterSeconds * 1000);
        const result = {
          ...report,
          ok,
          ...(signedHeads && { signedHeads }),
          digest,
          ...(hex ? { digestMatches } : {}),
          signedDigests,
          digestFile,
          references,
        };
        ctx.out(JSON.stringify(result, null, 2) + '\n');
        if (!ok) process.exitCode = 3;
      });
    });

function readKey(file: string) {
  try {
    return readPublicKey(readFileSync(file));
  } catch (err) {
    throw new Error(`--public-key ${file}: not an Ed25519 public key in PEM (${err instanceof Error ? err.message : String(err)})`);
  }
}
