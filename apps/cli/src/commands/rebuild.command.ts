import { ProjectionsHost } from '@app/platform';
import { RegisterCommand } from '../cli-context';
import { withApp } from '../app-context';

export const registerRebuildCommand: RegisterCommand = (program, ctx) =>
  program
    .command('rebuild')
    .description('rebuild a projection’s read model from position 0 and swap it in (the old one serves meanwhile)')
    .argument('<projection>', 'its name, e.g. cases, units, guarantees, breaches, report-facts')
    .action(async (name: string) => {
      await withApp(ctx, async (app) => {
        const host = app.get(ProjectionsHost);
        const known = (await host.runner.status()).map((s) => s.name);
        if (!known.includes(name)) throw new Error(`no projection named ${name}; known: ${known.join(', ')}`);
        const started = Date.now();
        await host.runner.rebuild(name);
        ctx.out(`rebuilt ${name} in ${Date.now() - started} ms\n`);
      });
    });
