import { Command } from 'commander';
import { statSync } from 'node:fs';
import { RecordedEvent } from '@app/core';
import { RegisterCommand } from '../cli-context';
import { refuseBesideRunningApi, withStore } from '../app-context';
import { progressBar } from '../progress';
import { checkWholeExport, exportLines, keyStoreName, keysHeld, PartialExportError } from './import-checks';

const KEYS_HELP = `
The export holds personal data sealed with each case's key; the keys are not in it. They are in the source's key store
(DATA_DIR/keys.sqlite, or KEY_STORE_PATH / KEY_STORE_URL), which must come along: copy its keys.sqlite into the new
DATA_DIR (with the source's server stopped, so the file holds every key), or point KEY_STORE_PATH / KEY_STORE_URL at
it. Without the keys every read of a case fails. After importing, the command looks up the key (or the record of an
erasure) of every case in the export, warns how many are missing, and exits 1 when none are there.

The export must be whole, from the beginning of the log (position 1): one made with --from-position or --after is
refused before anything is written.

Example:
  DATA_DIR=/srv/old npm run cli -- export -o synpunkt.ndjson
  mkdir /srv/new && cp /srv/old/keys.sqlite /srv/new/
  DATA_DIR=/srv/new npm run cli -- import synpunkt.ndjson
`;

export const registerImportCommand: RegisterCommand = (program, ctx) =>
  program
    .command('import')
    .description('read an NDJSON export into an empty store: the same stream revisions and hashes, every link checked')
    .argument('<file>', 'a whole export (NDJSON, from position 1); the source’s key store must come along (see below)')
    .addHelpText('after', KEYS_HELP)
    .action(async (file: string, _opts: unknown, command: Command) => {
      await withStore(ctx, async (store, config) => {
        refuseBesideRunningApi(config, 'import only into a new DATA_DIR with no server on it, then start the server on that DATA_DIR');
        if (!store.importEvents) throw new Error(`the ${store.kind} store cannot import`);
        if ((await store.headPosition()) > 0n) throw new Error('the target store is not empty; import only into a new DATA_DIR');
        const subjects = await checkWholeExport(ctx, file).catch((err: unknown) => {
          if (err instanceof PartialExportError) command.error(`synpunkt: ${err.message}`, { exitCode: 2 });
          throw err;
        });
        const bar = progressBar(ctx, 'import (bytes)', statSync(file).size);
        let batch: RecordedEvent[] = [];
        let count = 0;
        let bytes = 0;
        const flush = async () => {
          count += await store.importEvents!(batch);
          batch = [];
          bar.update(bytes);
        };
        try {
          for await (const { line, bytesRead } of exportLines(file)) {
            batch.push({ ...line, revision: BigInt(line.revision), position: BigInt(line.position) });
            bytes = bytesRead;
            if (batch.length >= 2000) await flush();
          }
          bytes = statSync(file).size;
          await flush();
        } finally {
          bar.stop();
        }
        ctx.out(`imported ${count} events\n`);
        const held = await keysHeld(config, subjects);
        if (held === subjects.size) return;
        const missing = subjects.size - held;
        ctx.err(
          `warning: ${keyStoreName(config)} holds no key and no record of erasure for ${missing} of the ${subjects.size} ` +
            'cases (and breaches) whose personal data the export seals; reading them will fail. The keys are not in an ' +
            'export: copy keys.sqlite from the source DATA_DIR into this one (with the source’s server stopped), or point ' +
            'KEY_STORE_PATH (or KEY_STORE_URL) at the source’s key store.\n',
        );
        if (held === 0) process.exitCode = 1;
      });
    });
