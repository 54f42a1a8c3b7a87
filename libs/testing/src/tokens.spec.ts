import { TokenVerifier } from '@app/auth';
import { rolelessToken, tokenFor } from './tokens';

describe('tokenFor', () => {
  const verifier = new TokenVerifier({});

  it('signs a development token for one role, all units by default', async () => {
    expect(await verifier.principal(await tokenFor('auditor'))).toMatchObject({ roles: ['auditor'], units: ['*'] });
  });

  it('signs for several roles and named units, with distinct subjects', async () => {
    const p = await verifier.principal(await tokenFor(['manager', 'intake'], ['hgb']));
    expect(p).toMatchObject({ roles: ['manager', 'intake'], units: ['hgb'] });
    expect(p.sub).not.toBe((await verifier.principal(await tokenFor('manager', ['vby']))).sub);
  });

  it('signs a valid token without roles, for the tests that prove it is refused', async () => {
    expect(await verifier.principal(await rolelessToken(['hgb']))).toMatchObject({ roles: [], units: ['hgb'] });
  });
});
