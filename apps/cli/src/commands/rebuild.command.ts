import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost } from '@app/platform';
import { RegisterCommand } from '../cli-context';
import { withApp } from '../app-context';
import { eventsInLog, progressBar } from '../progress';

/** How often the bar asks the runner how far the new generation got (the runner has no progress callback). */
const POLL_MS = 200;

export const registerRebuildCommand: RegisterCommand = (program, ctx) =>
  program
    .command('rebuild')
    .description('rebuild a projection’s read model from position 0 and swap it in (the old one serves meanwhile)')
    .argument('<projection>', 'its name, e.g. cases, units, guarantees, breaches, report-facts; or all (over REBUILD_THREADS threads)')
    .action(async (name: string) => {
      await withApp(
        ctx,
        async (app) => {
          const host = app.get(ProjectionsHost);
          const store = app.get<EventStore>(EVENT_STORE);
          const known = (await host.runner.status()).map((s) => s.name);
          const all = name === 'all';
          if (!all && !known.includes(name)) throw new Error(`no projection named ${name}; known: ${known.join(', ')}`);
          // Positions as progress only where they count events (SQLite); on KurrentDB the bar shows the time taken.
          const total = await eventsInLog(store);
          const counted = total !== undefined;
          const bar = progressBar(ctx, `rebuild ${name}`, total, counted);
          let done = false;
          const poll = setInterval(() => {
            void host.runner
              .status()
              .then((statuses) => {
                // all: as far as the slowest of the new generations got
                const builds = statuses.filter((s) => s.rebuild && (all || s.name === name)).map((s) => Number(s.rebuild!.position));
                if (builds.length && !done && counted) bar.update(Math.min(...builds), Number(statuses[0].head));
              })
              .catch(() => undefined); // progress only; the rebuild itself reports failures
          }, POLL_MS);
          const started = Date.now();
          try {
            await (all ? host.runner.rebuildAll() : host.runner.rebuild(name));
            const head = Number(await store.headPosition());
            if (counted) bar.update(head, head);
          } finally {
            done = true;
            clearInterval(poll);
            bar.stop();
          }
          ctx.out(`rebuilt ${name} in ${Date.now() - started} ms\n`);
        },
        'rebuild through the API as an admin: POST /api/admin/projections/{name}/rebuild, or POST /api/admin/projections/rebuild for all; GET /api/admin/projections shows the progress',
      );
    });
