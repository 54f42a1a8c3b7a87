import { Command } from 'commander';

/** What a command may touch besides its arguments; tests pass their own. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  /** Results (stdout): what a script would capture. */
  out(text: string): void;
  /** Notes and errors (stderr). */
  err(text: string): void;
}

/** Every command lives in its own file under commands/ and registers itself through one of these. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const processContext: CliContext = {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
