import { Gallring } from '@app/cases';
import { RegisterCommand } from '../cli-context';
import { withApp } from '../app-context';
import { progressBar } from '../progress';

export const registerGallringCommand: RegisterCommand = (program, ctx) =>
  program
    .command('gallring')
    .description('erase the personal data of cases past their retention (GALLRING_RULES); each run is recorded as an event')
    .option('--dry-run', 'only count what is due')
    .action(async (opts: { dryRun?: boolean }) => {
      await withApp(
        ctx,
        async (app) => {
          const host = app.get(Gallring);
          const bar = progressBar(ctx, 'gallring', 0);
          const results = await host.run({ dryRun: !!opts.dryRun, onProgress: (done, total) => bar.update(done, total) });
          bar.stop();
          ctx.out(JSON.stringify(results, null, 2) + '\n');
        },
        'run it through the API as an admin: POST /api/admin/gallring (?dryRun=true to count only)',
      );
    });
