import { ConfigError } from '@app/platform';
import { TestClaims, TestIdentityProvider } from '@app/testing';
import { startTestApp, TestApp } from '../support/test-app';

/** The whole app against an identity provider's JWKS served over HTTP in the test, as in production. */
describe('the API with an identity provider (AUTH_JWKS_URL)', () => {
  let idp: TestIdentityProvider;
  let t: TestApp;
  let caseId: string;
  const now = () => Math.floor(Date.now() / 1000);
  const admin = { roles: ['admin'], units: ['*'], name: 'Admin' };
  const readCase = async (claims: TestClaims) =>
    t
      .http()
      .get(`/api/cases/${caseId}`)
      .set('Authorization', `Bearer ${await idp.token(claims)}`);

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestApp({ env: { ...idp.env(), AUTH_MAX_TOKEN_AGE: '1h' } });
    const auth = { Authorization: `Bearer ${await idp.token(admin)}` };
    await t
      .http()
      .post('/api/units')
      .set(auth)
      .send({ id: 'hgb', name: 'Hägerstensåsen', department: 'Förskola', district: 'X' })
      .expect(201);
    const body = {
      type: 'complaint',
      channel: 'web',
      unitId: 'hgb',
      description: 'Ingen svarar.',
      submitter: { name: 'Eva', email: 'eva@example.se' },
    };
    caseId = (await t.http().post('/api/cases').set(auth).send(body).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it("reads a case with a token of the provider's", async () => {
    expect((await readCase({ roles: ['manager'], units: ['hgb'] })).status).toBe(200);
  });

  it.each([
    ['no exp', { exp: undefined }, /no expiry \(exp\)/],
    ['no iat', { iat: undefined }, /no issue time \(iat\)/],
    ['no sub', { sub: undefined }, /no subject \(sub\)/],
    ['a lifetime over AUTH_MAX_TOKEN_AGE', { iat: now() - 10, exp: now() + 3600 }, /lives 3610 s \(exp − iat\); at most 3600 s/],
  ])('answers 401 with a problem naming the reason for a token with %s', async (_, claims, reason) => {
    const res = await readCase({ ...admin, ...claims });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.detail).toMatch(reason);
  });

  it('answers 403 to a token without roles, though it names every unit', async () => {
    for (const roles of [[], undefined]) {
      const res = await readCase({ roles, units: ['*'] });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/carries no role/);
    }
    const list = await t
      .http()
      .get('/api/cases')
      .set('Authorization', `Bearer ${await idp.token({ roles: [], units: ['hgb'] })}`);
    expect(list.status).toBe(403);
  });

  it('refuses to start with a JWKS over plain http on another host', async () => {
    const env = { ...idp.env(), AUTH_JWKS_URL: 'http://idp.example.se/jwks.json' };
    await expect(startTestApp({ env })).rejects.toThrow(ConfigError);
    await expect(startTestApp({ env })).rejects.toThrow(/AUTH_JWKS_URL must be https:/);
  });
});
