import { openKeyStore } from '@app/event-store';
import { RegisterCommand } from '../cli-context';
import { withStore } from '../app-context';

/** The case event that records an erasure (libs/cases); its case's key must be gone from the key store. */
const ERASED = 'PersonalDataErased.v1';

export const registerReapplyErasuresCommand: RegisterCommand = (program, ctx) =>
  program
    .command('reapply-erasures')
    .description('shred the key of every case whose erasure the log records: after restoring the key store from a backup')
    .option('--dry-run', 'list the cases whose key is still there, shred nothing')
    .action(async (opts: { dryRun?: boolean }) => {
      await withStore(ctx, async (store, config) => {
        const erased = [
          ...new Set((await store.readAll({ types: [ERASED], sealed: true })).map((e) => (e.data as { caseId: string }).caseId)),
        ];
        const keys = await openKeyStore(config);
        try {
          const held = await keys.lookup(erased);
          const revived = erased.filter((caseId) => held.get(caseId)?.key);
          if (!opts.dryRun) for (const caseId of revived) await keys.shred(caseId);
          ctx.out(
            JSON.stringify({ erasuresInLog: erased.length, keysFound: revived.length, shredded: opts.dryRun ? [] : revived }, null, 2) +
              '\n',
          );
        } finally {
          await keys.close();
        }
      });
    });
