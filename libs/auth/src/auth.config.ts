export interface AuthConfig {
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  devSecret?: string;
  /** Longest accepted token lifetime (exp − iat), in seconds; default DEFAULT_MAX_TOKEN_AGE_SECONDS. */
  maxTokenAgeSeconds?: number;
}

/** Documented, public development secret: anything signed with it is worthless outside a developer's machine. */
export const DEFAULT_DEV_SECRET = 'synpunkt-development-secret-not-for-production';
export const DEV_ISSUER = 'synpunkt-dev';
export const DEV_AUDIENCE = 'synpunkt-api';
/** A working day: a stolen token is not worth more than that. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 12 * 3600;

export const isDevelopmentMode = (config: AuthConfig) => !config.jwksUrl;
export const devSecretOf = (config: AuthConfig) => new TextEncoder().encode(config.devSecret ?? DEFAULT_DEV_SECRET);
export const maxTokenAgeOf = (config: AuthConfig) => config.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(s|sec|secs)?$/, 1],
  [/^(m|min|mins)$/, 60],
  [/^(h|hr|hrs)$/, 3600],
  [/^(d|day|days)$/, 86_400],
  [/^(w|week|weeks)$/, 604_800],
];

/** `12h`, `90m`, `3600s`, `3600` (seconds), `1d` → seconds; undefined when it is not such a duration. */
export function durationSeconds(text: string): number | undefined {
  const m = /^(\d{1,7})\s*([a-z]*)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = UNIT_SECONDS.find(([pattern]) => pattern.test(m[2].toLowerCase()));
  return unit && Number(m[1]) * unit[1];
}

/** Keys over plain http are only trusted on this machine: anyone on the path could swap them otherwise. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
