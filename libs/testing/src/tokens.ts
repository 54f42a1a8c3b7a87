import { SignJWT } from 'jose';
import { DEFAULT_DEV_SECRET, DEV_AUDIENCE, DEV_ISSUER, issueDevToken, Role } from '@app/auth';

/** A development token for tests: `tokenFor('manager', ['hgb'])`. */
export function tokenFor(roles: Role | Role[], units: string[] = ['*'], name = 'Test User'): Promise<string> {
  const list = Array.isArray(roles) ? roles : [roles];
  return issueDevToken({ roles: list, units, name, sub: `test-${list.join('-')}-${units.join('_')}` }, {});
}

/**
 * A valid development token with `roles: []` (issueDevToken refuses to make one): signed, current, with units, and
 * yet it must be refused everywhere but public routes.
 */
export function rolelessToken(units: string[] = ['*']): Promise<string> {
  return new SignJWT({ roles: [], units, name: 'Ingen roll' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`test-roleless-${units.join('_')}`)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(DEFAULT_DEV_SECRET));
}
