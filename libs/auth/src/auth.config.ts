export interface AuthConfig {
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  devSecret?: string;
}

/** Documented, public development secret: anything signed with it is worthless outside a developer's machine. */
export const DEFAULT_DEV_SECRET = 'synpunkt-development-secret-not-for-production';
export const DEV_ISSUER = 'synpunkt-dev';
export const DEV_AUDIENCE = 'synpunkt-api';

export const isDevelopmentMode = (config: AuthConfig) => !config.jwksUrl;
export const devSecretOf = (config: AuthConfig) => new TextEncoder().encode(config.devSecret ?? DEFAULT_DEV_SECRET);
