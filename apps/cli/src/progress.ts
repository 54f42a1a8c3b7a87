import { SingleBar } from 'cli-progress';
import { EventStore } from '@app/event-store';
import { CliContext } from './cli-context';

/**
 * A progress bar with ETA on stderr (results stay on stdout), silent when stderr is not a terminal. Without a total
 * (see eventsInLog) it shows how far it got (`counts`) and for how long.
 */
export function progressBar(ctx: CliContext, label: string, total: number | undefined, counts = true) {
  const bar = new SingleBar({
    format:
      total !== undefined
        ? `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`
        : `${label}${counts ? ' {value}' : ''} | {duration_formatted}`,
    stream: process.stderr,
    noTTYOutput: false,
    hideCursor: true,
  });
  const active = ctx.env.SYNPUNKT_PROGRESS !== 'off' && process.stderr.isTTY === true;
  if (active) bar.start(Math.max(total ?? 0, 1), 0);
  return {
    update: (value: number, newTotal?: number) => {
      if (!active) return;
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      bar.update(value);
    },
    stop: () => active && bar.stop(),
  };
}

/**
 * How many events the log holds, where its head position says so: SQLite's positions count events (1, 2, 3, ...).
 * KurrentDB's are byte offsets: undefined there, and a bar goes without a total rather than read the log twice.
 */
export async function eventsInLog(store: EventStore): Promise<number | undefined> {
  return store.kind === 'sqlite' ? Number(await store.headPosition()) : undefined;
}
