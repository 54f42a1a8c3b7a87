import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import request from 'supertest';
import { AuthConfig, DEFAULT_DEV_SECRET, DEV_AUDIENCE, DEV_ISSUER } from './auth.config';
import { CurrentUser, Public, Roles } from './auth.decorators';
import { AuthModule } from './auth.module';
import { issueDevToken } from './dev-token';
import { Principal } from './principal';

@Controller()
class ProbeController {
  @Public()
  @Get('open')
  open() {
    return { open: true };
  }

  @Get('me')
  me(@CurrentUser() user: Principal) {
    return user;
  }

  @Roles('admin', 'manager')
  @Get('managed')
  managed(@CurrentUser() user: Principal) {
    return { sub: user.sub };
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

  it('lets any authenticated role reach a route without @Roles and hands it the principal', async () => {
    for (const role of ['intake', 'manager', 'auditor', 'admin'] as const) {
      await get('/me', await issueDevToken({ roles: [role] }, {})).expect(200);
    }
    const token = await issueDevToken({ roles: ['manager'], units: ['hgb', 'vby'], name: 'Anna', sub: 'anna' }, {});
    await get('/me', token).expect(200, { sub: 'anna', name: 'Anna', roles: ['manager'], units: ['hgb', 'vby'] });
  });
});

describe('AuthModule in production mode (JWKS)', () => {
  let app: INestApplication;
  let jwksServer: Server;
  let idpKey: KeyLike;
  let otherKey: KeyLike;
  const issuer = 'https://idp.example.se/';
  const audience = 'synpunkt';
  const get = (path: string, token: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  const idpToken = (opts: Partial<{ iss: string; aud: string; exp: number }> = {}, key = idpKey, payload: JWTPayload = claims) =>
    sign(payload, key, 'RS256', { iss: issuer, aud: audience, kid: 'idp-1', ...opts });

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    idpKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    app = await boot({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer, audience });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it("accepts a token signed by the identity provider's key", async () => {
    await get('/me', await idpToken()).expect(200, { sub: 'user-1', ...claims });
    await get('/managed', await idpToken()).expect(200);
  });

  it('answers 401 for a wrong issuer or a wrong audience', async () => {
    expect((await get('/me', await idpToken({ iss: 'https://evil.example/' })).expect(401)).body.message).toMatch(/iss/);
    expect((await get('/me', await idpToken({ aud: 'another-api' })).expect(401)).body.message).toMatch(/aud/);
  });

  it('answers 401 for a key the JWKS does not hold, an expired token and a development token', async () => {
    await get('/me', await idpToken({}, otherKey)).expect(401);
    await get('/me', await idpToken({ exp: now() - 120 })).expect(401);
    const devLike = await sign(claims, new TextEncoder().encode(DEFAULT_DEV_SECRET), 'HS256', { iss: issuer, aud: audience });
    await get('/me', devLike).expect(401);
  });

  it('answers 403 for an identity-provider token whose roles do not fit', async () => {
    await get('/managed', await idpToken({}, idpKey, { ...claims, roles: ['auditor'] })).expect(403);
  });

  it('refuses to issue development tokens', async () => {
    await expect(issueDevToken({ roles: ['admin'] }, { jwksUrl: 'http://127.0.0.1/jwks', issuer, audience })).rejects.toThrow(/refused/);
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
