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
  const fixture = depcruise(join(__dirname, 'fixture'), 'libs');
  const caught = (rule: string) => fixture.output.split('\n').filter((line) => line.includes(`error ${rule}:`));

  it('fail on a deep import into another library and on a decider importing NestJS', () => {
    expect(fixture.ok).toBe(false);
    expect(caught('no-deep-lib-imports')).toHaveLength(1);
    expect(caught('domain-is-framework-free').join('\n')).toMatch(/thing\.decider\.ts → .*node_modules\/@nestjs/);
  });

  it('fail on a domain model importing class-validator', () => {
    expect(caught('domain-is-framework-free').join('\n')).toMatch(/thing\.model\.ts → .*node_modules\/class-validator/);
  });

  it('fail on a command that carries an HTTP request DTO', () => {
    expect(caught('domain-is-framework-free').join('\n')).toMatch(/do-thing\.command\.ts → .*do-thing\.request\.dto\.ts/);
  });

  it('fail on a controller that imports a decider, the event store or the write path', () => {
    const lines = caught('controllers-only-send').join('\n');
    expect(lines).toMatch(/do-thing\.http\.controller\.ts → libs\/alpha\/src\/thing\.decider\.ts/);
    expect(lines).toMatch(/do-thing\.http\.controller\.ts → libs\/event-store\/src\/index\.ts/);
    expect(lines).toMatch(/do-thing\.http\.controller\.ts → libs\/platform\/src\/write\.ts/);
  });

  it('fail on a query that reaches the write path', () => {
    expect(caught('queries-only-read').join('\n')).toMatch(/list-things\.query\.ts → libs\/platform\/src\/write\.ts/);
  });

  it('fail on a module whose index exports its decider', () => {
    expect(caught('no-module-exports-its-decider').join('\n')).toMatch(
      /libs\/alpha\/src\/index\.ts → libs\/alpha\/src\/thing\.decider\.ts/,
    );
  });
});
