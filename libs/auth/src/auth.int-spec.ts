import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import request from 'supertest';
import { rolelessToken, TestIdentityProvider } from '@app/testing';
import { AuthConfig, DEFAULT_DEV_SECRET, DEV_AUDIENCE, DEV_ISSUER } from './auth.config';
import { AnyStaffRole, CurrentUser, Public, Roles } from './auth.decorators';
import { AuthModule } from './auth.module';
import { issueDevToken } from './dev-token';
import { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

@Controller()
class ProbeController {
  @Public()
  @Get('open')
  open() {
    return { open: true };
  }

  @AnyStaffRole()
  @Get('me')
  me(@CurrentUser() user: Principal) {
    return user;
  }

  @Roles('admin', 'manager')
  @Get('managed')
  managed(@CurrentUser() user: Principal) {
    return { sub: user.sub };
  }

  /** Someone forgot the rule: closed to everyone. */
  @Get('unruled')
  unruled() {
    return { reached: true };
  }
}

async function boot(config: AuthConfig): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot(config)], controllers: [ProbeController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

const claims = { name: 'Anna Andersson', roles: ['manager'], units: ['hgb'] };
const now = () => Math.floor(Date.now() / 1000);

function sign(payload: JWTPayload, key: KeyLike | Uint8Array, alg: string, opts: { iss: string; aud: string; exp?: number; kid?: string }) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg, ...(opts.kid ? { kid: opts.kid } : {}) })
    .setSubject('user-1')
    .setIssuer(opts.iss)
    .setAudience(opts.aud)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? now() + 600)
    .sign(key);
}

describe('AuthModule in development mode', () => {
  let app: INestApplication;
  const devKey = new TextEncoder().encode(DEFAULT_DEV_SECRET);
  const get = (path: string, token?: string) => {
    const r = request(app.getHttpServer()).get(path);
    return token ? r.set('Authorization', `Bearer ${token}`) : r;
  };

  beforeAll(async () => (app = await boot({})));
  afterAll(() => app.close());

  it('lets anyone reach a @Public() route', async () => {
    await get('/open').expect(200, { open: true });
  });

  it('answers 401 without a token, with a malformed header or with garbage', async () => {
    const none = await get('/me').expect(401);
    expect(none.body.message).toMatch(/bearer token is required/);
    await request(app.getHttpServer()).get('/me').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    await get('/me', 'not.a.jwt').expect(401);
  });

  it('answers 401 for a token signed with another secret', async () => {
    const forged = await sign(claims, new TextEncoder().encode('x'.repeat(48)), 'HS256', { iss: DEV_ISSUER, aud: DEV_AUDIENCE });
    const res = await get('/me', forged).expect(401);
    expect(res.body.message).toMatch(/signature/);
  });

  it('answers 401 for an expired token', async () => {
    const expired = await sign(claims, devKey, 'HS256', { iss: DEV_ISSUER, aud: DEV_AUDIENCE, exp: now() - 120 });
    const res = await get('/me', expired).expect(401);
    expect(res.body.message).toMatch(/expired/);
  });

  it('answers 401 for an unknown role in the claims', async () => {
    const token = await sign({ ...claims, roles: ['root'] }, devKey, 'HS256', { iss: DEV_ISSUER, aud: DEV_AUDIENCE });
    expect((await get('/me', token).expect(401)).body.message).toMatch(/unknown role/);
  });

  it('answers 403 when the role is not among the route roles, 200 when it is', async () => {
    const intake = await issueDevToken({ roles: ['intake'] }, {});
    const res = await get('/managed', intake).expect(403);
    expect(res.body.message).toMatch(/admin, manager/);
    const manager = await issueDevToken({ roles: ['manager'], sub: 'm-1' }, {});
    await get('/managed', manager).expect(200, { sub: 'm-1' });
  });

  it('answers 403 on a route with neither @Public() nor @Roles, whatever the token', async () => {
    await get('/unruled').expect(401);
    for (const role of ['intake', 'manager', 'auditor', 'admin'] as const) {
      const res = await get('/unruled', await issueDevToken({ roles: [role] }, {})).expect(403);
      expect(res.body.message).toMatch(/no access rule/);
    }
  });

  it('answers 403 to a valid token without roles, even with units', async () => {
    for (const path of ['/me', '/managed']) {
      expect((await get(path, await rolelessToken(['*'])).expect(403)).body.message).toMatch(/carries no role/);
    }
    await get('/open', await rolelessToken()).expect(200);
  });

  it('answers 401 for a development token without exp, or living longer than the maximum', async () => {
    const base = { ...claims, sub: 'x', iss: DEV_ISSUER, aud: DEV_AUDIENCE, iat: now() };
    const signDev = (payload: JWTPayload) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(devKey);
    expect((await get('/me', await signDev(base)).expect(401)).body.message).toMatch(/no expiry/);
    expect((await get('/me', await signDev({ ...base, exp: now() + 13 * 3600 })).expect(401)).body.message).toMatch(/at most 43200 s/);
    await expect(issueDevToken({ roles: ['admin'], expiresIn: '13h' }, {})).rejects.toThrow(/at most 43200 s/);
  });

  it('lets any staff role reach an @AnyStaffRole() route and hands it the principal', async () => {
    for (const role of ['intake', 'manager', 'auditor', 'admin'] as const) {
      await get('/me', await issueDevToken({ roles: [role] }, {})).expect(200);
    }
    const token = await issueDevToken({ roles: ['manager'], units: ['hgb', 'vby'], name: 'Anna', sub: 'anna' }, {});
    await get('/me', token).expect(200, { sub: 'anna', name: 'Anna', roles: ['manager'], units: ['hgb', 'vby'] });
  });
});

describe('AuthModule in production mode (JWKS)', () => {
  let app: INestApplication;
  let idp: TestIdentityProvider;
  let otherKey: KeyLike;
  const get = (path: string, token: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  const refusal = async (token: string) => (await get('/me', token).expect(401)).body.message as string;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    otherKey = (await generateKeyPair('RS256')).privateKey;
    app = await boot({ jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: idp.audience, maxTokenAgeSeconds: 3600 });
  });
  afterAll(async () => {
    await app.close();
    await idp.close();
  });

  it("accepts a token signed by the identity provider's key", async () => {
    await get('/me', await idp.token(claims)).expect(200, { sub: 'user-1', ...claims });
    await get('/managed', await idp.token(claims)).expect(200);
  });

  it('answers 401 for a wrong issuer or a wrong audience', async () => {
    expect(await refusal(await idp.token({ ...claims, iss: 'https://evil.example/' }))).toMatch(/iss/);
    expect(await refusal(await idp.token({ ...claims, aud: 'another-api' }))).toMatch(/aud/);
  });

  it('answers 401 for a key the JWKS does not hold, an expired token and a development token', async () => {
    await get('/me', await idp.token(claims, otherKey)).expect(401);
    await get('/me', await idp.token({ ...claims, exp: now() - 120 })).expect(401);
    const devLike = await sign(claims, new TextEncoder().encode(DEFAULT_DEV_SECRET), 'HS256', { iss: idp.issuer, aud: idp.audience });
    await get('/me', devLike).expect(401);
  });

  it('answers 401 naming the claim for a token without exp, iat or sub', async () => {
    expect(await refusal(await idp.token({ ...claims, exp: undefined }))).toMatch(/no expiry \(exp\)/);
    expect(await refusal(await idp.token({ ...claims, iat: undefined }))).toMatch(/no issue time \(iat\)/);
    expect(await refusal(await idp.token({ ...claims, sub: undefined }))).toMatch(/no subject \(sub\)/);
  });

  it('answers 401 for a lifetime (exp − iat) over the maximum, or an issue time in the future', async () => {
    expect(await refusal(await idp.token({ ...claims, iat: now() - 60, exp: now() + 3600 }))).toMatch(/lives 3660 s.*at most 3600 s/);
    expect(await refusal(await idp.token({ ...claims, iat: now() + 3600, exp: now() + 3900 }))).toMatch(/issued in the future/);
    await get('/me', await idp.token({ ...claims, iat: now(), exp: now() + 3600 })).expect(200);
  });

  it('answers 403 for an identity-provider token whose roles do not fit, or that carries none', async () => {
    await get('/managed', await idp.token({ ...claims, roles: ['auditor'] })).expect(403);
    for (const roles of [[], undefined]) {
      const res = await get('/managed', await idp.token({ ...claims, roles, units: ['*'] })).expect(403);
      expect(res.body.message).toMatch(/no role/);
    }
  });

  it('refuses to issue development tokens', async () => {
    await expect(issueDevToken({ roles: ['admin'] }, { jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: idp.audience })).rejects.toThrow(
      /refused/,
    );
  });

  it('fetches keys over plain http from a loopback address only', () => {
    const config = { issuer: idp.issuer, audience: idp.audience };
    expect(() => new TokenVerifier({ ...config, jwksUrl: 'http://idp.example.se/jwks' })).toThrow(/https/);
    expect(() => new TokenVerifier({ ...config, jwksUrl: 'http://[::1]:8080/jwks' })).not.toThrow();
  });
});

describe('AuthModule when the identity provider is down', () => {
  it('answers 503, not 401, and still serves public routes', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const { port } = dead.address() as AddressInfo;
    await new Promise((resolve) => dead.close(resolve));
    const app = await boot({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: 'i', audience: 'a' });
    try {
      const key = (await generateKeyPair('RS256')).privateKey;
      const token = await sign(claims, key, 'RS256', { iss: 'i', aud: 'a', kid: 'k' });
      await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(503);
      await request(app.getHttpServer()).get('/open').expect(200);
    } finally {
      await app.close();
    }
  });
});
