import { ForbiddenException } from '@nestjs/common';
import { actorOf, canActForUnit, InvalidClaimsError, principalFromClaims } from './principal';
import { assertUnitAccess } from './auth.decorators';
import { issueDevToken } from './dev-token';
import { isDevelopmentMode } from './auth.config';
import { TokenVerifier } from './token-verifier';

describe('principal claims', () => {
  it('reads sub, name, roles and units', () => {
    expect(principalFromClaims({ sub: 'u1', name: 'Åsa', roles: ['manager', 'manager'], units: ['a'] })).toEqual({
      sub: 'u1',
      name: 'Åsa',
      roles: ['manager'],
      units: ['a'],
    });
  });

  it('refuses a token without subject, with unknown roles or malformed units', () => {
    expect(() => principalFromClaims({ roles: ['admin'] })).toThrow(InvalidClaimsError);
    expect(() => principalFromClaims({ sub: 'x', roles: ['root'] })).toThrow(/unknown role/);
    expect(() => principalFromClaims({ sub: 'x', roles: 'admin' })).toThrow(InvalidClaimsError);
    expect(() => principalFromClaims({ sub: 'x', roles: ['manager'], units: 'a' })).toThrow(/units/);
  });

  it('scopes unit access: admin everywhere, * everywhere, otherwise the named units', () => {
    expect(canActForUnit({ sub: 'a', roles: ['admin'], units: [] }, 'x')).toBe(true);
    expect(canActForUnit({ sub: 'm', roles: ['manager'], units: ['*'] }, 'x')).toBe(true);
    expect(canActForUnit({ sub: 'm', roles: ['manager'], units: ['a', 'b'] }, 'b')).toBe(true);
    expect(canActForUnit({ sub: 'm', roles: ['manager'], units: ['a'] }, 'b')).toBe(false);
    expect(canActForUnit({ sub: 'i', roles: ['intake'], units: [] }, 'b')).toBe(false);
  });

  it('assertUnitAccess answers 403 naming the unit', () => {
    const manager = { sub: 'm', roles: ['manager' as const], units: ['a'] };
    expect(() => assertUnitAccess(manager, 'a')).not.toThrow();
    expect(() => assertUnitAccess(manager, 'hgb-fsk')).toThrow(ForbiddenException);
    expect(() => assertUnitAccess(manager, 'hgb-fsk')).toThrow(/hgb-fsk/);
  });

  it('gives the actor for event metadata', () => {
    expect(actorOf({ sub: 'u1', name: 'Åsa', roles: ['admin'], units: ['*'] })).toEqual({ sub: 'u1', name: 'Åsa' });
    expect(actorOf({ sub: 'u2', roles: ['admin'], units: [] })).toEqual({ sub: 'u2' });
  });
});

describe('development tokens', () => {
  it('round-trip through the verifier in development mode', async () => {
    const token = await issueDevToken({ roles: ['manager'], units: ['hgb'], name: 'Anna' }, {});
    const p = await new TokenVerifier({}).principal(token);
    expect(p).toMatchObject({ roles: ['manager'], units: ['hgb'], name: 'Anna' });
  });

  it('are refused when a production identity provider is configured', async () => {
    await expect(issueDevToken({ roles: ['admin'] }, { jwksUrl: 'https://idp.example/jwks', issuer: 'i', audience: 'a' })).rejects.toThrow(
      /refused/,
    );
  });

  it('need a complete production configuration: issuer and audience with the JWKS', () => {
    expect(() => new TokenVerifier({ jwksUrl: 'https://idp.example/jwks', issuer: 'i' })).toThrow(/issuer and audience/);
    expect(isDevelopmentMode({ devSecret: 'x' })).toBe(true);
    expect(isDevelopmentMode({ jwksUrl: 'https://idp.example/jwks' })).toBe(false);
  });

  it('signed with another secret are not accepted', async () => {
    const token = await issueDevToken({ roles: ['admin'] }, { devSecret: 'x'.repeat(40) });
    await expect(new TokenVerifier({}).principal(token)).rejects.toThrow();
  });
});
