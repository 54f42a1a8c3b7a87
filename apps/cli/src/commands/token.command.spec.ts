import { CommanderError } from 'commander';
import { TokenVerifier } from '@app/auth';
import { buildProgram } from '../main';

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = { out: '', err: '' };
  const program = buildProgram({ env, out: (t) => void (io.out += t), err: (t) => void (io.err += t) }, { exitOverride: true });
  let error: CommanderError | undefined;
  try {
    await program.parseAsync(['node', 'synpunkt', ...args]);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    error = err;
  }
  return { ...io, error };
}

describe('synpunkt token', () => {
  it('prints only a token on stdout, one the development verifier accepts', async () => {
    const { out, error } = await run([
      'token',
      '--role',
      'manager',
      '--role',
      'auditor',
      '--units',
      'hgb, vby',
      '--name',
      'Anna',
      '--sub',
      'a1',
    ]);
    expect(error).toBeUndefined();
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(await new TokenVerifier({}).principal(out.trim())).toEqual({
      sub: 'a1',
      name: 'Anna',
      roles: ['manager', 'auditor'],
      units: ['hgb', 'vby'],
    });
  });

  it('defaults to all units and signs with AUTH_DEV_SECRET when set', async () => {
    const secret = 's'.repeat(40);
    const { out } = await run(['token', '--role', 'admin'], { AUTH_DEV_SECRET: secret });
    expect(await new TokenVerifier({ devSecret: secret }).principal(out.trim())).toMatchObject({ roles: ['admin'], units: ['*'] });
    await expect(new TokenVerifier({}).principal(out.trim())).rejects.toThrow();
  });

  it('refuses with a non-zero exit when AUTH_JWKS_URL is set', async () => {
    const { out, err, error } = await run(['token', '--role', 'admin'], {
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ISSUER: 'i',
      AUTH_AUDIENCE: 'a',
    });
    expect(out).toBe('');
    expect(error?.exitCode).toBe(2);
    expect(err).toMatch(/refusing.*AUTH_JWKS_URL/);
  });

  it('rejects unknown roles, a missing role and a bad duration', async () => {
    expect((await run(['token', '--role', 'root'])).error?.exitCode).toBe(1);
    expect((await run(['token'])).err).toMatch(/--role/);
    expect((await run(['token', '--role', 'admin', '--expires', 'forever'])).err).toMatch(/duration/);
  });

  it('refuses a lifetime the API would not accept (AUTH_MAX_TOKEN_AGE, 12 h unless set)', async () => {
    const long = await run(['token', '--role', 'admin', '--expires', '24h']);
    expect(long.error?.exitCode).toBe(2);
    expect(long.err).toMatch(/at most 43200 s/);
    expect((await run(['token', '--role', 'admin', '--expires', '2h'], { AUTH_MAX_TOKEN_AGE: '1h' })).error?.exitCode).toBe(2);
    expect((await run(['token', '--role', 'admin', '--expires', '12h'])).error).toBeUndefined();
  });

  it('has --help', async () => {
    const { out, error } = await run(['token', '--help']);
    expect(error?.code).toBe('commander.helpDisplayed');
    expect(out).toMatch(/--units <ids>/);
  });
});
