import 'reflect-metadata';
import { Command } from 'commander';
import { CliContext, processContext, RegisterCommand } from './cli-context';
import { registerDigestExportCommand } from './commands/digest-export.command';
import { registerDigestKeyCommand } from './commands/digest-key.command';
import { registerExportCommand } from './commands/export.command';
import { registerGallringCommand } from './commands/gallring.command';
import { registerImportCommand } from './commands/import.command';
import { registerOpen311KeyCommand } from './commands/open311-key.command';
import { registerReapplyErasuresCommand } from './commands/reapply-erasures.command';
import { registerRebuildCommand } from './commands/rebuild.command';
import { registerSeedCommand } from './commands/seed.command';
import { registerTokenCommand } from './commands/token.command';
import { registerVerifyCommand } from './commands/verify.command';

/** Add a command: a file under commands/ exporting a RegisterCommand, and one line here. */
export const COMMANDS: RegisterCommand[] = [
  registerVerifyCommand,
  registerExportCommand,
  registerImportCommand,
  registerRebuildCommand,
  registerGallringCommand,
  registerTokenCommand,
  registerSeedCommand,
  registerOpen311KeyCommand,
  registerDigestKeyCommand,
  registerDigestExportCommand,
  registerReapplyErasuresCommand,
];

export function buildProgram(ctx: CliContext = processContext, options: { exitOverride?: boolean } = {}): Command {
  const program = new Command()
    .name('synpunkt')
    .description('Synpunkt operator commands (run with --help after any command for its options)')
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err });
  if (options.exitOverride) program.exitOverride(); // inherited by commands registered below
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      process.stderr.write(`synpunkt: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
