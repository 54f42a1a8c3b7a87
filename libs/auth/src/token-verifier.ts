import { createRemoteJWKSet, JWTPayload, jwtVerify } from 'jose';
import { AuthConfig, DEV_AUDIENCE, DEV_ISSUER, devSecretOf, isDevelopmentMode } from './auth.config';
import { Principal, principalFromClaims } from './principal';

/** Verifies bearer tokens: against the identity provider's JWKS in production, the development secret otherwise. */
export class TokenVerifier {
  private readonly verify: (token: string) => Promise<JWTPayload>;

  constructor(config: AuthConfig) {
    if (isDevelopmentMode(config)) {
      const secret = devSecretOf(config);
      this.verify = async (token) =>
        (await jwtVerify(token, secret, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['HS256'] })).payload;
    } else {
      const jwks = createRemoteJWKSet(new URL(config.jwksUrl!));
      this.verify = async (token) => (await jwtVerify(token, jwks, { issuer: config.issuer, audience: config.audience })).payload;
    }
  }

  async principal(token: string): Promise<Principal> {
    return principalFromClaims((await this.verify(token)) as Record<string, unknown>);
  }
}
