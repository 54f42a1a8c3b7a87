import { SignJWT } from 'jose';
import { AuthConfig, DEV_AUDIENCE, DEV_ISSUER, devSecretOf, durationSeconds, isDevelopmentMode, maxTokenAgeOf } from './auth.config';
import { Role, ROLES } from './principal';

export interface DevTokenRequest {
  roles: Role[];
  units?: string[];
  name?: string;
  sub?: string;
  /** e.g. '8h', '15m'; default 8 h, or the longest lifetime accepted (AUTH_MAX_TOKEN_AGE) when that is shorter. */
  expiresIn?: string;
}

const DEFAULT_LIFETIME_SECONDS = 8 * 3600;

/**
 * Signs a development token with sub, iat and exp, as the verifier requires; refuses when a production identity
 * provider is configured, or a lifetime the verifier would not accept.
 */
export async function issueDevToken(request: DevTokenRequest, config: AuthConfig): Promise<string> {
  if (!isDevelopmentMode(config)) {
    throw new Error('a production identity provider is configured (AUTH_JWKS_URL); development tokens are refused');
  }
  const unknown = request.roles.filter((r) => !ROLES.includes(r));
  if (!request.roles.length || unknown.length) throw new Error(`roles must be some of ${ROLES.join(', ')}`);
  const sub = request.sub ?? `dev-${request.roles.join('-')}`;
  const maxAge = maxTokenAgeOf(config);
  const lifetime = request.expiresIn === undefined ? Math.min(DEFAULT_LIFETIME_SECONDS, maxAge) : durationSeconds(request.expiresIn);
  if (!lifetime) throw new Error(`expiresIn must be a duration such as 30m or 8h, got "${request.expiresIn}"`);
  if (lifetime > maxAge) throw new Error(`a token may live at most ${maxAge} s (AUTH_MAX_TOKEN_AGE); asked for ${request.expiresIn}`);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    roles: request.roles,
    units: request.units ?? ['*'],
    name: request.name ?? `Utvecklare (${request.roles.join(', ')})`,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetime)
    .sign(devSecretOf(config));
}
