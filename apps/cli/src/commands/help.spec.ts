import { Command, CommanderError } from 'commander';
import { buildProgram } from '../main';

const quiet = { env: {}, out: () => undefined, err: () => undefined };

async function help(path: string[]) {
  let out = '';
  const program = buildProgram({ ...quiet, out: (t) => void (out += t) }, { exitOverride: true });
  let error: CommanderError | undefined;
  try {
    await program.parseAsync(['node', 'synpunkt', ...path, '--help']);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    error = err;
  }
  return { out, code: error?.code };
}

/** Every command the program registers, subcommands included, with its description. */
const commands = (parent: Command, prefix: string[] = []): { path: string[]; description: string }[] =>
  parent.commands.flatMap((c) => [{ path: [...prefix, c.name()], description: c.description() }, ...commands(c, [...prefix, c.name()])]);

describe('synpunkt <command> --help', () => {
  const registered = commands(buildProgram(quiet));

  it('covers the operator commands the issue names, and every other registered one', () => {
    expect(registered.filter((c) => c.path.length === 1).map((c) => c.path[0])).toEqual([
      'verify',
      'export',
      'import',
      'rebuild',
      'gallring',
      'token',
      'seed',
      'open311-key',
      'digest-key',
      'digest-export',
      'reapply-erasures',
    ]);
  });

  it('import --help says that the key store must come along and that the export must be whole', async () => {
    const { out } = await help(['import']);
    expect(out).toMatch(/key store\n?\s*\(DATA_DIR\/keys\.sqlite, or KEY_STORE_PATH \/ KEY_STORE_URL\), which must come along/);
    expect(out).toMatch(/The export must be whole, from the beginning of the log \(position 1\)/);
  });

  it.each(registered.map((c) => [c.path.join(' '), c] as const))('%s --help prints its usage', async (name, c) => {
    const { out, code } = await help(c.path);
    expect(code).toBe('commander.helpDisplayed');
    expect(out).toMatch(new RegExp(`^Usage: synpunkt ${name} `));
    const words = (text: string) => text.replace(/\s+/g, ' ');
    expect(words(out)).toContain(words(c.description)); // wrapped to the terminal width
    expect(out).toMatch(/-h, --help +display help for command/);
  });
});
