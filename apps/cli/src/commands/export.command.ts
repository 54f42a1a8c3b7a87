import { createWriteStream } from 'node:fs';
import { auditEventView } from '@app/audit';
import { RegisterCommand } from '../cli-context';
import { withStore } from '../app-context';
import { progressBar } from '../progress';

export const registerExportCommand: RegisterCommand = (program, ctx) =>
  program
    .command('export')
    .description('write the log as NDJSON (one event per line, personal data sealed), resumable from a position')
    .option('--from-position <n>', 'first position to write (inclusive)', '1')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (opts: { fromPosition: string; output?: string }) => {
      await withStore(ctx, async (store) => {
        const out = opts.output ? createWriteStream(opts.output) : undefined;
        const write = (text: string) =>
          out ? new Promise<void>((r) => (out.write(text) ? r() : out.once('drain', r))) : Promise.resolve(ctx.out(text));
        const head = await store.headPosition();
        const bar = progressBar(ctx, 'export', Number(head));
        let after = BigInt(opts.fromPosition) > 0n ? BigInt(opts.fromPosition) - 1n : undefined;
        let count = 0;
        for (;;) {
          const page = await store.readAll({ after, limit: 2000, raw: true });
          if (!page.length) break;
          await write(page.map((e) => JSON.stringify(auditEventView(e))).join('\n') + '\n');
          count += page.length;
          after = page[page.length - 1].position;
          bar.update(Number(after));
        }
        bar.stop();
        if (out) await new Promise((r) => out.end(r));
        ctx.err(`exported ${count} events${after !== undefined ? `; resume with --from-position ${after + 1n}` : ''}\n`);
      });
    });
