import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { AuthConfig, DEV_AUDIENCE, DEV_ISSUER, devSecretOf, isDevelopmentMode, isLoopbackHost, maxTokenAgeOf } from './auth.config';
import { assertTokenLifetime, Principal, principalFromClaims } from './principal';

/** Identity providers sign with asymmetric keys; HS* or 'none' from a JWKS would be a downgrade. */
const PRODUCTION_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The identity provider's keys could not be fetched: our problem, not the caller's token. */
export class IdentityProviderUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the identity provider's signing keys could not be fetched: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'IdentityProviderUnavailableError';
  }
}

/** Verifies bearer tokens: against the identity provider's JWKS in production, the development secret otherwise. */
export class TokenVerifier {
  private readonly verify: (token: string) => Promise<JWTPayload>;
  private readonly maxTokenAge: number;

  constructor(config: AuthConfig) {
    this.maxTokenAge = maxTokenAgeOf(config);
    if (isDevelopmentMode(config)) {
      const secret = devSecretOf(config);
      this.verify = async (token) =>
        (await jwtVerify(token, secret, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['HS256'] })).payload;
    } else {
      const { issuer, audience } = config;
      if (!issuer || !audience) throw new Error('production authentication (jwksUrl) needs both issuer and audience');
      const url = new URL(config.jwksUrl!);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        throw new Error('the JWKS URL must be https: (plain http only on a loopback address)');
      }
      const jwks = createRemoteJWKSet(url);
      this.verify = async (token) => {
        try {
          return (await jwtVerify(token, jwks, { issuer, audience, algorithms: PRODUCTION_ALGORITHMS })).payload;
        } catch (err) {
          if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) throw new IdentityProviderUnavailableError(err);
          throw err;
        }
      };
    }
  }

  private readonly verified = new VerifiedTokens();

  /** The token's principal; a token verified before is served from memory until its expiry (at most VERIFIED_TTL_MS). */
  async principal(token: string): Promise<Principal> {
    const now = Date.now();
    const known = this.verified.get(token, now);
    if (known) return known;
    const claims = await this.verify(token);
    assertTokenLifetime(claims, this.maxTokenAge, Math.floor(now / 1000));
    const principal = principalFromClaims(claims as Record<string, unknown>);
    return this.verified.add(token, principal, claims.exp! * 1000, now);
  }
}

/** How long a verified token is believed without checking its signature again: a key the provider withdraws stops working within it. */
export const VERIFIED_TTL_MS = 5 * 60_000;
const MAX_VERIFIED = 10_000;

/**
 * Tokens whose signature and claims were verified, with their principals (frozen: every request of the token shares
 * one). An entry ends at the token's expiry or VERIFIED_TTL_MS after verification, whichever comes first; the
 * oldest go first past MAX_VERIFIED. Verifying a signature was a twentieth of an intake request's time.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  get(token: string, now: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (now < entry.until) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  add(token: string, principal: Principal, expiresAt: number | undefined, now: number): Principal {
    const frozen = Object.freeze({ ...principal, roles: Object.freeze([...principal.roles]), units: Object.freeze([...principal.units]) });
    const until = Math.min(expiresAt ?? Infinity, now + VERIFIED_TTL_MS);
    if (this.entries.size >= MAX_VERIFIED) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { principal: frozen as Principal, until });
    return frozen as Principal;
  }

  get size(): number {
    return this.entries.size;
  }
}
