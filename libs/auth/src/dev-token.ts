import { SignJWT } from 'jose';
import { AuthConfig, DEV_AUDIENCE, DEV_ISSUER, devSecretOf, isDevelopmentMode } from './auth.config';
import { Role, ROLES } from './principal';

export interface DevTokenRequest {
  roles: Role[];
  units?: string[];
  name?: string;
  sub?: string;
  /** e.g. '8h', '15m'; default 8h. */
  expiresIn?: string;
}

/** Signs a development token; refuses when a production identity provider is configured. */
export async function issueDevToken(request: DevTokenRequest, config: AuthConfig): Promise<string> {
  if (!isDevelopmentMode(config)) {
    throw new Error('a production identity provider is configured (AUTH_JWKS_URL); development tokens are refused');
  }
  const unknown = request.roles.filter((r) => !ROLES.includes(r));
  if (!request.roles.length || unknown.length) throw new Error(`roles must be some of ${ROLES.join(', ')}`);
  const sub = request.sub ?? `dev-${request.roles.join('-')}`;
  return new SignJWT({
    roles: request.roles,
    units: request.units ?? ['*'],
    name: request.name ?? `Utvecklare (${request.roles.join(', ')})`,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(devSecretOf(config));
}
