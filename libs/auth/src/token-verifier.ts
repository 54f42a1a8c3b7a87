import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { AuthConfig, DEV_AUDIENCE, DEV_ISSUER, devSecretOf, isDevelopmentMode } from './auth.config';
import { Principal, principalFromClaims } from './principal';

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

  constructor(config: AuthConfig) {
    if (isDevelopmentMode(config)) {
      const secret = devSecretOf(config);
      this.verify = async (token) =>
        (await jwtVerify(token, secret, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['HS256'] })).payload;
    } else {
      const { issuer, audience } = config;
      if (!issuer || !audience) throw new Error('production authentication (jwksUrl) needs both issuer and audience');
      const jwks = createRemoteJWKSet(new URL(config.jwksUrl!));
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

  async principal(token: string): Promise<Principal> {
    return principalFromClaims((await this.verify(token)) as Record<string, unknown>);
  }
}
