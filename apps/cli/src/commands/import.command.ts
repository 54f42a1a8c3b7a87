import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { RecordedEvent } from '@app/core';
import { RegisterCommand } from '../cli-context';
import { withStore } from '../app-context';

export const registerImportCommand: RegisterCommand = (program, ctx) =>
  program
    .command('import')
    .description('read an NDJSON export into an empty store: the same stream revisions and hashes, every link checked')
    .argument('<file>', 'the export (NDJSON)')
    .action(async (file: string) => {
      await withStore(ctx, async (store) => {
        if (!store.importEvents) throw new Error(`the ${store.kind} store cannot import`);
        if ((await store.headPosition()) > 0n) throw new Error('the target store is not empty; import only into a new DATA_DIR');
        let batch: RecordedEvent[] = [];
        let count = 0;
        const flush = async () => {
          count += await store.importEvents!(batch);
          batch = [];
        };
        for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
          if (!line.trim()) continue;
          const e = JSON.parse(line);
          batch.push({ ...e, revision: BigInt(e.revision), position: BigInt(e.position) });
          if (batch.length >= 2000) await flush();
        }
        await flush();
        ctx.out(`imported ${count} events\n`);
      });
    });
