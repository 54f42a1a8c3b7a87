import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const depcruise = (cwd: string, ...paths: string[]) => {
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        ...paths,
        '--config',
        join(root, '.dependency-cruiser.cjs'),
        '--output-type',
        'err',
      ],
      {
        cwd,
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
    return { ok: true, output: '' };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
};

describe('architecture rules (dependency-cruiser, as run by npm test)', () => {
  it('fail on a deep import into another library and on a decider importing NestJS', () => {
    const result = depcruise(join(__dirname, 'fixture'), 'libs');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/no-deep-lib-imports/);
    expect(result.output).toMatch(/domain-is-framework-free/);
  });
});
