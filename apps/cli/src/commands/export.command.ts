import { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { auditEventView, startAfter } from '@app/audit';
import { InvalidPositionError } from '@app/event-store';
import { RegisterCommand } from '../cli-context';
import { withStore } from '../app-context';
import { eventsInLog, progressBar } from '../progress';

export const registerExportCommand: RegisterCommand = (program, ctx) =>
  program
    .command('export')
    .description('write the log as NDJSON (one event per line, personal data sealed), resumable from a position')
    .option('--from-position <position>', 'an event’s position (a line’s `position`): write from it (inclusive)')
    .option('--after <position>', 'an event’s position (the last line written): write what follows it')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (opts: { fromPosition?: string; after?: string; output?: string }, command: Command) => {
      for (const [flag, value] of [
        ['--from-position', opts.fromPosition],
        ['--after', opts.after],
      ]) {
        if (value !== undefined && !/^\d{1,18}$/.test(value)) throw new Error(`${flag} ${value}: not a position (a whole number)`);
      }
      await withStore(ctx, async (store) => {
        // before the output file is made; a position past the head is refused, not answered with nothing as at the end
        let after = await startAfter(store, { fromPosition: opts.fromPosition, after: opts.after });
        const out = opts.output ? createWriteStream(opts.output) : undefined;
        const write = (text: string) =>
          out ? new Promise<void>((r) => (out.write(text) ? r() : out.once('drain', r))) : Promise.resolve(ctx.out(text));
        // a count of events written; the total only where positions count events and the export starts at the beginning
        const bar = progressBar(ctx, 'export', after === undefined ? await eventsInLog(store) : undefined);
        let count = 0;
        for (;;) {
          const page = await store.readAll({ after, limit: 2000, raw: true });
          if (!page.length) break;
          await write(page.map((e) => JSON.stringify(auditEventView(e))).join('\n') + '\n');
          count += page.length;
          after = page[page.length - 1].position;
          bar.update(count);
        }
        bar.stop();
        if (out) await new Promise((r) => out.end(r));
        ctx.err(`exported ${count} events${after !== undefined ? `; resume with --after ${after}` : ''}\n`);
      }).catch((err: unknown) => {
        // the caller's mistake, as a bad option is: exit code 2 (on KurrentDB raised by the first read)
        if (err instanceof InvalidPositionError) command.error(`synpunkt: ${err.message}`, { exitCode: 2 });
        throw err;
      });
    });
