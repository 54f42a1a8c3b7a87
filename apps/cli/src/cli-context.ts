import { Command } from 'commander';
import { Clock } from '@app/core';

/** What a command may touch besides its arguments; tests pass their own. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  /** Results (stdout): what a script would capture. */
  out(text: string): void;
  /** Notes and errors (stderr). */
  err(text: string): void;
  /**
   * The store's record clock (default: the system clock). A test running a command beside an app on a fixed clock
   * passes that clock: record time never runs backwards in a log, so one system-clock append would move the app's.
   */
  clock?: Clock;
}

/** Every command lives in its own file under commands/ and registers itself through one of these. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const processContext: CliContext = {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
