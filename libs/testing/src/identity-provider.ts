import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';

/** Claims to sign; a claim set to undefined is left out of the token (e.g. `{ exp: undefined }`). */
export type TestClaims = { [claim: string]: unknown };

/**
 * A stand-in identity provider for tests: an RS256 key pair whose public half is served as a JWKS by a real HTTP
 * server on 127.0.0.1, so the app fetches keys the way it does in production.
 */
export class TestIdentityProvider {
  readonly issuer = 'https://idp.example.se/';
  readonly audience = 'synpunkt';
  readonly kid = 'idp-1';

  private constructor(
    private readonly server: Server,
    private readonly privateKey: KeyLike,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const pair = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    const server = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TestIdentityProvider(server, pair.privateKey, `http://127.0.0.1:${port}/jwks.json`);
  }

  /** The environment that points the app at this provider. */
  env(): NodeJS.ProcessEnv {
    return { AUTH_JWKS_URL: this.jwksUrl, AUTH_ISSUER: this.issuer, AUTH_AUDIENCE: this.audience };
  }

  /** A token as the provider would issue it (sub, iss, aud, iat now, exp in 10 minutes), with `claims` over it. */
  token(claims: TestClaims = {}, key: KeyLike = this.privateKey): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const all: TestClaims = { sub: 'user-1', iss: this.issuer, aud: this.audience, iat: now, exp: now + 600, ...claims };
    const payload = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as JWTPayload;
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: this.kid }).sign(key);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
