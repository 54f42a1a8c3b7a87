import { verifyEventLog } from '@app/event-store';
import { logDigest } from '@app/audit';
import { RegisterCommand } from '../cli-context';
import { withStore } from '../app-context';
import { progressBar } from '../progress';

export const registerVerifyCommand: RegisterCommand = (program, ctx) =>
  program
    .command('verify')
    .description('walk every stream’s hash chain and report the first broken link; print the log digest to publish')
    .option('--digest <hex>', 'compare the log with a digest published earlier')
    .option('--position <n>', 'the position that digest was taken at')
    .action(async (opts: { digest?: string; position?: string }) => {
      await withStore(ctx, async (store) => {
        const bar = progressBar(ctx, 'verify', Number(await store.headPosition()));
        const report = await verifyEventLog(store, {
          onProgress: (n) => bar.update(n),
          heads: store.streamHeads ? () => store.streamHeads!() : undefined,
        });
        bar.stop();
        const digest = await logDigest(store, opts.position ? BigInt(opts.position) : undefined);
        const digestMatches = opts.digest ? digest.digest === opts.digest : undefined;
        ctx.out(
          JSON.stringify(
            { ...report, ok: report.ok && digestMatches !== false, digest, ...(opts.digest ? { digestMatches } : {}) },
            null,
            2,
          ) + '\n',
        );
        if (!report.ok || digestMatches === false) process.exitCode = 3;
      });
    });
