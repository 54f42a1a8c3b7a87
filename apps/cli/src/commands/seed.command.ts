import { SingleBar } from 'cli-progress';
import { InvalidArgumentError } from 'commander';
import { isDevelopmentMode } from '@app/auth';
import { cliAppConfig, refuseBesideRunningApi } from '../app-context';
import { CliContext, processContext, RegisterCommand } from '../cli-context';
import { formatSummary } from '../seed/summary';
import { SeedRefused, seedDistrict } from '../seed/seeder';
import { authConfigFromEnv } from './token.command';

interface SeedOptions {
  district: string;
  year: number;
  seed: number;
  cases: number;
  force?: boolean;
}

const DISTRICTS = ['demo'];

const whole = (what: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}`);
  return n;
};

/** A progress bar with ETA on a terminal; a line per tenth otherwise (CI logs, tests). */
function progress(ctx: CliContext) {
  if (process.stderr.isTTY && ctx.err === processContext.err) {
    const bar = new SingleBar({ format: 'seeding [{bar}] {percentage}% | {value}/{total} steps | ETA {eta_formatted}', hideCursor: true });
    let started = false;
    return {
      update(done: number, total: number) {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let shown = -1;
  return {
    update(done: number, total: number) {
      const tenth = Math.floor((10 * done) / total);
      if (tenth > shown) ctx.err(`seeding: ${tenth * 10}% (${done}/${total} steps)\n`);
      shown = tenth;
    },
    stop: () => undefined,
  };
}

export const registerSeedCommand: RegisterCommand = (program, ctx) => {
  const thisYear = new Date().getFullYear();
  program
    .command('seed')
    .description('fill the store under DATA_DIR with a realistic demo district (development mode only)')
    .option('--district <name>', `which district (${DISTRICTS.join(', ')})`, 'demo')
    .option('--year <yyyy>', 'the year to play through; cases never later than now', whole('--year', 2000, thisYear), thisYear)
    .option('--seed <n>', 'random seed: the same seed gives the same district', whole('--seed', 0, 2 ** 32 - 1), 1)
    .option('--cases <n>', 'how many cases', whole('--cases', 1, 20000), 800)
    .option('--force', 'seed even though the store already holds events')
    .addHelpText('after', '\nExample:\n  DATA_DIR=/tmp/demo npm run seed -- --district demo --year 2025 --seed 7\n')
    .action(async (options: SeedOptions, command) => {
      if (!DISTRICTS.includes(options.district)) {
        command.error(`there is no district "${options.district}"; the only one for now is: ${DISTRICTS.join(', ')}`, { exitCode: 2 });
      }
      if (!isDevelopmentMode(authConfigFromEnv(ctx.env))) {
        command.error('refusing to seed: AUTH_JWKS_URL is set (production identity provider). Seed only a development store.', {
          exitCode: 2,
          code: 'synpunkt.seed.production',
        });
      }
      const config = cliAppConfig(ctx.env, 'silent');
      refuseBesideRunningApi(
        config,
        'seed with the server stopped: stop it, seed, then `npm start` again (on a fresh machine: seed before the first `npm start`)',
      );
      ctx.err(`seeding the demo district for ${options.year} (seed ${options.seed}, ${options.cases} cases) into ${config.dataDir}\n`);
      const bar = progress(ctx);
      try {
        const summary = await seedDistrict(config, { ...options, onProgress: bar.update });
        bar.stop();
        ctx.out(formatSummary(summary, ctx.env));
      } catch (err) {
        bar.stop();
        if (err instanceof SeedRefused) command.error(`refusing to seed: ${err.message}`, { exitCode: 2, code: 'synpunkt.seed.not-empty' });
        throw err;
      }
    });
};
