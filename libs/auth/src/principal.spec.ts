import { ForbiddenException } from '@nestjs/common';
import {
  actorOf,
  assertTokenLifetime,
  canActForUnit,
  InvalidClaimsError,
  maySeeUnit,
  Principal,
  principalFromClaims,
  systemPrincipal,
  unitsVisibleTo,
} from './principal';
import { assertMaySeeUnit, assertUnitAccess } from './auth.decorators';
import { issueDevToken } from './dev-token';
import { isDevelopmentMode } from './auth.config';
import { TokenVerifier, VERIFIED_TTL_MS, VerifiedTokens } from './token-verifier';

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

  it('reads a token without a roles claim as one without roles (refused by every rule: 403)', () => {
    expect(principalFromClaims({ sub: 'x', units: ['*'] })).toEqual({ sub: 'x', roles: [], units: ['*'] });
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

  it('assertUnitAccess answers 403 to an auditor: auditors read, they do not act for a unit', () => {
    expect(() => assertUnitAccess({ sub: 'r', roles: ['auditor'], units: [] }, 'a')).toThrow(ForbiddenException);
  });

  it('gives the actor for event metadata', () => {
    expect(actorOf({ sub: 'u1', name: 'Åsa', roles: ['admin'], units: ['*'] })).toEqual({ sub: 'u1', name: 'Åsa' });
    expect(actorOf({ sub: 'u2', roles: ['admin'], units: [] })).toEqual({ sub: 'u2' });
  });
});

describe('units a principal may read', () => {
  const who = (roles: Principal['roles'], units: string[]): Principal => ({ sub: 'x', roles, units });

  it('are all units for an admin or an auditor, even one holding no unit', () => {
    expect(unitsVisibleTo(who(['admin'], []))).toBeUndefined();
    expect(unitsVisibleTo(who(['auditor'], []))).toBeUndefined();
    expect(unitsVisibleTo(who(['auditor'], ['a']))).toBeUndefined();
  });

  it("are all units for a token naming '*', otherwise the units it names", () => {
    expect(unitsVisibleTo(who(['manager'], ['*']))).toBeUndefined();
    expect(unitsVisibleTo(who(['manager'], ['a', 'b']))).toEqual(['a', 'b']);
    expect(unitsVisibleTo(who(['manager'], []))).toEqual([]);
  });

  it('are none for a role that reads no unit records, whatever units its token names', () => {
    expect(unitsVisibleTo(who(['intake'], ['*']))).toEqual([]);
    expect(unitsVisibleTo(who(['intake'], ['a']))).toEqual([]);
    expect(maySeeUnit(who(['intake'], ['a']), 'a')).toBe(false);
    expect(unitsVisibleTo(who(['intake', 'manager'], ['a']))).toEqual(['a']);
  });

  it('let an auditor or admin see any unit, a manager only theirs', () => {
    expect(maySeeUnit(who(['auditor'], []), 'x')).toBe(true);
    expect(maySeeUnit(who(['admin'], []), 'x')).toBe(true);
    expect(maySeeUnit(who(['manager'], ['*']), 'x')).toBe(true);
    expect(maySeeUnit(who(['manager'], ['a']), 'a')).toBe(true);
    expect(maySeeUnit(who(['manager'], ['a']), 'x')).toBe(false);
    expect(maySeeUnit(who([], []), 'x')).toBe(false);
  });

  it('assertMaySeeUnit lets an auditor through and answers 403 naming the unit to a manager of another', () => {
    expect(() => assertMaySeeUnit(who(['auditor'], []), 'hgb')).not.toThrow();
    expect(() => assertMaySeeUnit(who(['manager'], ['hgb']), 'hgb')).not.toThrow();
    expect(() => assertMaySeeUnit(who(['manager'], ['fsk']), 'hgb')).toThrow(ForbiddenException);
    expect(() => assertMaySeeUnit(who(['manager'], ['fsk']), 'hgb')).toThrow(/hgb/);
  });
});

describe('token lifetime', () => {
  const t = 1_800_000_000;

  it('needs exp and iat, and exp − iat within the maximum', () => {
    expect(() => assertTokenLifetime({ iat: t, exp: t + 3600 }, 3600, t)).not.toThrow();
    expect(() => assertTokenLifetime({ iat: t }, 3600, t)).toThrow(/no expiry \(exp\)/);
    expect(() => assertTokenLifetime({ exp: t + 60 }, 3600, t)).toThrow(/no issue time \(iat\)/);
    expect(() => assertTokenLifetime({ iat: t, exp: t + 3601 }, 3600, t)).toThrow(/lives 3601 s \(exp − iat\); at most 3600 s/);
  });

  it('refuses an issue time ahead of the clock by more than a minute', () => {
    expect(() => assertTokenLifetime({ iat: t + 60, exp: t + 120 }, 3600, t)).not.toThrow();
    expect(() => assertTokenLifetime({ iat: t + 61, exp: t + 120 }, 3600, t)).toThrow(/issued in the future/);
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

describe('verified tokens', () => {
  const principal = { sub: 'u1', roles: ['intake' as const], units: [] };

  it('serve a verified token until its expiry, then forget it', () => {
    const cache = new VerifiedTokens();
    cache.add('t', principal, 10_000, 0);
    expect(cache.get('t', 9_999)).toEqual(principal);
    expect(cache.get('t', 10_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get('other', 0)).toBeUndefined();
  });

  it('believe a token without expiry, or a long-lived one, for VERIFIED_TTL_MS only', () => {
    const cache = new VerifiedTokens();
    cache.add('no-exp', principal, undefined, 1_000);
    cache.add('long', principal, 1_000 + 10 * VERIFIED_TTL_MS, 1_000);
    expect(cache.get('no-exp', 1_000 + VERIFIED_TTL_MS - 1)).toBeDefined();
    expect(cache.get('no-exp', 1_000 + VERIFIED_TTL_MS)).toBeUndefined();
    expect(cache.get('long', 1_000 + VERIFIED_TTL_MS)).toBeUndefined();
  });

  it('share one frozen principal between the requests of a token', () => {
    const cache = new VerifiedTokens();
    const stored = cache.add('t', { ...principal, roles: ['manager'], units: ['hgb'] }, undefined, 0);
    expect(Object.isFrozen(stored) && Object.isFrozen(stored.roles) && Object.isFrozen(stored.units)).toBe(true);
    expect(cache.get('t', 1)).toBe(stored);
  });

  it('drop the oldest past 10,000 tokens', () => {
    const cache = new VerifiedTokens();
    for (let i = 0; i <= 10_000; i++) cache.add(`t${i}`, principal, undefined, 0);
    expect(cache.size).toBe(10_000);
    expect(cache.get('t0', 1)).toBeUndefined();
    expect(cache.get('t10000', 1)).toBeDefined();
  });

  it('are verified again once expired, so an expired token is refused rather than served from memory', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'performance'] });
    try {
      const verifier = new TokenVerifier({});
      const token = await issueDevToken({ roles: ['intake'], expiresIn: '60s' }, {});
      expect(await verifier.principal(token)).toMatchObject({ roles: ['intake'] });
      jest.setSystemTime(Date.now() + 30_000);
      expect(await verifier.principal(token)).toMatchObject({ roles: ['intake'] });
      jest.setSystemTime(Date.now() + 31_000);
      await expect(verifier.principal(token)).rejects.toThrow(/exp/);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('systemPrincipal', () => {
  it('acts as a named system actor with admin rights over every unit', () => {
    const p = systemPrincipal('breach-link', 'Garantibrott från synpunkt');
    expect(p).toEqual({ sub: 'system:breach-link', name: 'Garantibrott från synpunkt', roles: ['admin'], units: ['*'] });
    expect(actorOf(p)).toEqual({ sub: 'system:breach-link', name: 'Garantibrott från synpunkt' });
    expect(canActForUnit(p, 'hgb')).toBe(true);
  });
});
