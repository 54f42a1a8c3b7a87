import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '@app/platform';
import { announceListening, warnDevelopmentMode } from './start-notices';

/** The pino lines a start writes at `level`, as main.ts writes them (development notice, then the "listening" line). */
function start(env: NodeJS.ProcessEnv, level = 'info'): { level: number; msg: string }[] {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level }, sink);
  const config = loadConfig({ DATA_DIR: '/tmp/synpunkt-notices', ...env });
  warnDevelopmentMode(config, logger);
  announceListening(config, logger, 3471, 'one process');
  logger.flush();
  return lines.map((l) => JSON.parse(l));
}

const idp = { AUTH_JWKS_URL: 'https://idp.example.se/jwks', AUTH_ISSUER: 'https://idp.example.se', AUTH_AUDIENCE: 'synpunkt' };

describe('the development-mode notice', () => {
  it('shows at LOG_LEVEL=warn: development tokens accepted, this machine only', () => {
    const lines = start({}, 'warn');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringMatching(/^DEVELOPMENT MODE: tokens signed with the development secret/) }),
    ]);
    expect(lines[0].msg).toMatch(/listens on 127\.0\.0\.1 only \(this machine\); set HOST/);
  });

  it('says other machines can reach it when HOST is not loopback', () => {
    expect(start({ HOST: '0.0.0.0' }, 'warn')).toEqual([
      expect.objectContaining({
        level: 40,
        msg: expect.stringMatching(/DEVELOPMENT MODE.*listens on 0\.0\.0\.0, so other machines can reach it/),
      }),
    ]);
  });

  it('is not written with an identity provider', () => {
    expect(start(idp).filter((l) => l.level >= 40)).toEqual([]);
  });
});

describe('the "listening" line', () => {
  const listening = (env: NodeJS.ProcessEnv) => start(env).find((l) => /listening on/.test(l.msg))!.msg;

  it('says development mode, on loopback and on every other host alike', () => {
    expect(listening({})).toMatch(/on http:\/\/127\.0\.0\.1:3471 .*development mode: this machine only/);
    expect(listening({ HOST: '0.0.0.0' })).toMatch(/on http:\/\/0\.0\.0\.0:3471 .*development mode: development tokens are accepted/);
    expect(listening({ HOST: '::' })).toMatch(/on http:\/\/\[::\]:3471 .*development mode/);
  });

  it('does not with an identity provider', () => {
    expect(listening(idp)).toBe('Synpunkt API listening on port 3471 of every interface with one process (docs at /api/docs)');
  });
});
