import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { RecordedEvent } from '@app/core';
import { RegisterCommand } from '../cli-context';
import { refuseBesideRunningApi, withStore } from '../app-context';
import { progressBar } from '../progress';

export const registerImportCommand: RegisterCommand = (program, ctx) =>
  program
    .command('import')
    .description('read an NDJSON export into an empty store: the same stream revisions and hashes, every link checked')
    .argument('<file>', 'the export (NDJSON)')
    .action(async (file: string) => {
      await withStore(ctx, async (store, config) => {
        refuseBesideRunningApi(config, 'import into a new DATA_DIR with no API on it, then start the API on that DATA_DIR');
        if (!store.importEvents) throw new Error(`the ${store.kind} store cannot import`);
        if ((await store.headPosition()) > 0n) throw new Error('the target store is not empty; import only into a new DATA_DIR');
        // The export does not say how many events it holds; bytes read is the honest measure of progress.
        const bar = progressBar(ctx, 'import (bytes)', statSync(file).size);
        const input = createReadStream(file);
        let batch: RecordedEvent[] = [];
        let count = 0;
        const flush = async () => {
          count += await store.importEvents!(batch);
          batch = [];
          bar.update(input.bytesRead);
        };
        try {
          for await (const line of createInterface({ input, crlfDelay: Infinity })) {
            if (!line.trim()) continue;
            const e = JSON.parse(line);
            batch.push({ ...e, revision: BigInt(e.revision), position: BigInt(e.position) });
            if (batch.length >= 2000) await flush();
          }
          await flush();
        } finally {
          bar.stop();
        }
        ctx.out(`imported ${count} events\n`);
      });
    });
