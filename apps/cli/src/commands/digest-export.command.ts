import { writeFileSync } from 'node:fs';
import { exportDigest, recordedDigests } from '@app/audit';
import { RegisterCommand } from '../cli-context';
import { withStore } from '../app-context';

/** The latest signed digest as a file to publish or register with diariet: a copy of the log's state kept elsewhere. */
export const registerDigestExportCommand: RegisterCommand = (program, ctx) =>
  program
    .command('digest-export')
    .description('write the latest signed log digest as JSON, to publish or send to the registrar (diariet)')
    .option('--out <file>', 'write it to this file instead of stdout')
    .action(async (opts: { out?: string }) => {
      await withStore(ctx, async (store) => {
        const latest = (await recordedDigests(store)).reverse().find((d) => d.data.signature);
        if (!latest) {
          throw new Error(
            'no signed digest in the log: give the API DIGEST_SIGNING_KEY_FILE and record one (POST /api/audit/digests, or the daily one)',
          );
        }
        const text = JSON.stringify(exportDigest(latest), null, 2) + '\n';
        if (!opts.out) return ctx.out(text);
        writeFileSync(opts.out, text);
        ctx.err(`wrote the digest of the log up to position ${latest.data.position} (taken ${latest.data.takenAt}) to ${opts.out}\n`);
      });
    });
