import { SingleBar } from 'cli-progress';
import { CliContext } from './cli-context';

/** A progress bar with ETA on stderr (results stay on stdout), silent when stderr is not a terminal. */
export function progressBar(ctx: CliContext, label: string, total: number) {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
    stream: process.stderr,
    noTTYOutput: false,
    hideCursor: true,
  });
  const active = ctx.env.SYNPUNKT_PROGRESS !== 'off' && process.stderr.isTTY === true;
  if (active) bar.start(Math.max(total, 1), 0);
  return {
    update: (value: number, newTotal?: number) => {
      if (!active) return;
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      bar.update(value);
    },
    stop: () => active && bar.stop(),
  };
}
