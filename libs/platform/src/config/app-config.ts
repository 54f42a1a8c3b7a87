import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { digestSigningKeyProblems } from './signing-key-file';
import { durationSeconds, isLoopbackHost } from '@app/auth';
import { connectionStringProblem, withCredentials } from '@app/event-store';

export interface AppConfig {
  port: number;
  /** Interface to listen on; undefined = all. Development mode (no AUTH_JWKS_URL) defaults to 127.0.0.1. */
  host?: string;
  dataDir: string;
  /** The personal-data key store, when not DATA_DIR/keys.sqlite (a file on this host). */
  keyStorePath?: string;
  /** The personal-data key store in PostgreSQL (KEY_STORE_URL, else POSTGRES_URL): for instances on several hosts. */
  keyStoreUrl?: string;
  /** Idempotency records in PostgreSQL (IDEMPOTENCY_STORE_URL, else POSTGRES_URL); unset: DATA_DIR/idempotency.sqlite. */
  idempotencyStoreUrl?: string;
  /** The embedded log's file, when not DATA_DIR/events.sqlite (instances on one host may share it). */
  eventStorePath?: string;
  /** A reference taken this long ago without its case is recorded as void (the registration died in between). */
  referenceVoidAfterSeconds: number;
  /** How often the running API records a digest of the whole log; 0 = never. */
  digestIntervalHours: number;
  /** Ed25519 private key (PEM) that signs each log digest; outside DATA_DIR, owner-only. Unset: digests are unsigned. */
  digestSigningKeyFile?: string;
  eventStoreConnectionString?: string;
  /** `maxTokenAgeSeconds`: the longest token lifetime (exp − iat) accepted. */
  auth: { jwksUrl?: string; issuer?: string; audience?: string; devSecret?: string; maxTokenAgeSeconds: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted request body. */
  bodyLimit: string;
  /** A projection further behind the head than this (seconds of record time) makes /health/ready `down` (503). */
  readyMaxLag: number;
  /** Threads besides the main one that a rebuild over a long log spreads its work over (0: none). */
  rebuildThreads: number;
  /** As-of replays running at once in this process, each on a thread of its own (see ReplayPool); 4 × this may wait. */
  replayConcurrency: number;
  /**
   * HTTP worker processes `npm start` runs beside one projector (default: cores − 1, at least 1); 0 = everything in
   * one process, as the CLI and the tests run it.
   */
  workers: number;
  nodeEnv: string;
  /** Defaults for new cases; the rules in force at receipt stay with each case. */
  deadlines: { acknowledgeWorkingDays: number; respondWorkingDays: number };
  /** Gallring: personal data of closed cases is erased this many years after closing, per rule. */
  retention: RetentionRule[];
  /** Idempotency-Key records: kept `ttlHours`; a running request holds its key `leaseSeconds` before a retry may take it over. */
  idempotency: { ttlHours: number; leaseSeconds: number };
  /** A published count below this (from 1) prints as "färre än N" in the verksamhetsberättelse draft; 0 or 1 = never. */
  publishMinCount: number;
  /** The municipality's name as its letters and e-mails to submitters sign it (MUNICIPALITY_NAME). */
  municipalityName: string;
  /** Mail to submitters: `smtp://` or `smtps://` (user and password in the URL) and the sender; unset: e-mail waits queued. */
  mail?: { smtpUrl: string; from: string };
  /**
   * How the outbox sends (with or without SMTP_URL): AUTO_RECEIPT (a receipt at registration to an e-mail address),
   * MAIL_MAX_ATTEMPTS, MAIL_RETRY_BASE_SECONDS (the first back-off, doubled after each failure) and MAIL_MAX_AGE_HOURS
   * (an e-mail older than this at its first attempt is failed, not sent).
   */
  outbox: { autoReceipt: boolean; maxAttempts: number; retryBaseSeconds: number; maxAgeHours: number };
}

export interface RetentionRule {
  name: string;
  types: ('complaint' | 'opinion' | 'praise' | 'idea')[];
  yearsAfterClosing: number;
}

export const DEFAULT_RETENTION: RetentionRule[] = [
  { name: 'Synpunkter och klagomål, två år efter avslut', types: ['complaint', 'opinion', 'praise', 'idea'], yearsAfterClosing: 2 },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const NODE_ENVS = ['development', 'production', 'test'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the environment once at start; every bad value is named in one error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const whole = wholeNumbers(text, problems);

  // 0: any free port (tests and benchmarks; the primary reports the one its workers got)
  const port = whole('PORT', 3000, { min: 0, max: 65535 });

  // The same schemes (any case) and options the adapter accepts: see connectionStringProblem.
  let esdb = text('EVENTSTORE_CONNECTION_STRING');
  const esdbProblem = esdb ? connectionStringProblem(esdb) : undefined;
  if (esdbProblem) problems.push(esdbProblem);
  // Credentials apart from the string, so a password with @ : / % needs no hand-encoding (compose passes it this way).
  const esdbUser = text('EVENTSTORE_USERNAME');
  const esdbPassword = env.EVENTSTORE_PASSWORD;
  if ((esdbUser === undefined) !== (esdbPassword === undefined || esdbPassword === '')) {
    problems.push('EVENTSTORE_USERNAME and EVENTSTORE_PASSWORD go together: set both, or neither');
  } else if (esdbUser && !esdb) {
    problems.push('EVENTSTORE_USERNAME and EVENTSTORE_PASSWORD apply only with EVENTSTORE_CONNECTION_STRING');
  } else if (esdbUser && esdb && !esdbProblem) {
    esdb = withCredentials(esdb, esdbUser, esdbPassword!);
  }

  const jwksUrl = text('AUTH_JWKS_URL');
  const issuer = text('AUTH_ISSUER');
  const audience = text('AUTH_AUDIENCE');
  if (jwksUrl) {
    if (!isUrl(jwksUrl, ['https:', 'http:'])) problems.push(`AUTH_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);
    else if (!isUrl(jwksUrl, ['https:']) && !isLoopbackHost(new URL(jwksUrl).hostname)) {
      problems.push(`AUTH_JWKS_URL must be https: (plain http only on a loopback address: 127.0.0.1, ::1, localhost), got "${jwksUrl}"`);
    }
    if (!issuer) problems.push('AUTH_ISSUER is required when AUTH_JWKS_URL is set');
    if (!audience) problems.push('AUTH_AUDIENCE is required when AUTH_JWKS_URL is set');
  } else if (issuer || audience) {
    problems.push('AUTH_ISSUER and AUTH_AUDIENCE apply only with AUTH_JWKS_URL; set it too, or unset them');
  }
  const nodeEnv = text('NODE_ENV') ?? 'development';
  // A typo (staging, prod) would otherwise run development mode without a word.
  if (!NODE_ENVS.includes(nodeEnv)) problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(', ')}, got "${nodeEnv}"`);
  if (nodeEnv === 'production' && !jwksUrl) {
    problems.push('AUTH_JWKS_URL is required when NODE_ENV=production: development mode accepts tokens signed with a public secret');
  }
  const devSecret = text('AUTH_DEV_SECRET');
  if (devSecret && devSecret.length < 32) problems.push('AUTH_DEV_SECRET must be at least 32 characters');
  const maxAgeText = text('AUTH_MAX_TOKEN_AGE') ?? '12h';
  const maxTokenAgeSeconds = durationSeconds(maxAgeText) ?? 0;
  if (maxTokenAgeSeconds < 60 || maxTokenAgeSeconds > 7 * 86_400)
    problems.push(`AUTH_MAX_TOKEN_AGE must be a duration from 60 s to 7 days, such as 12h, 90m or 3600 (seconds), got "${maxAgeText}"`);
  // Development mode trusts a public secret: it stays on this machine unless HOST says otherwise.
  const host = text('HOST') ?? (jwksUrl ? undefined : '127.0.0.1');
  if (host && !/^[a-z0-9.:-]+$/i.test(host))
    problems.push(`HOST must be a host name or IP address, such as 127.0.0.1 or ::, got "${host}"`);

  const logLevel = (text('LOG_LEVEL') ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const bodyLimit = text('BODY_LIMIT') ?? '1mb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) problems.push(`BODY_LIMIT must look like 512kb or 1mb, got "${bodyLimit}"`);

  // Seconds of record time: positions are opaque (KurrentDB's are byte offsets), so lag is never counted in them.
  const readyMaxLag = whole('READY_MAX_LAG', 300, { min: 0, max: 999_999_999, of: 'seconds' });

  const days = (name: string, fallback: number) => whole(name, fallback, { min: 1, max: 99, of: 'working days' });
  const deadlines = { acknowledgeWorkingDays: days('ACKNOWLEDGE_WORKING_DAYS', 2), respondWorkingDays: days('RESPOND_WORKING_DAYS', 10) };

  // One thread per core beside the main one, at most two.
  const rebuildThreads = whole('REBUILD_THREADS', Math.min(2, availableParallelism() - 1), { min: 0, max: 8 });
  const replayConcurrency = whole('REPLAY_CONCURRENCY', 2, { min: 1, max: 16, of: 'replay threads' });
  const workers = whole('WORKERS', Math.max(1, availableParallelism() - 1), {
    min: 0,
    max: 64,
    of: 'HTTP worker processes',
    zero: 'one process does everything',
  });
  const digestIntervalHours = whole('DIGEST_INTERVAL_HOURS', 24, { min: 0, max: 9999, of: 'hours', zero: 'off' });
  const signingKeyText = text('DIGEST_SIGNING_KEY_FILE');
  const digestSigningKeyFile = signingKeyText ? resolve(signingKeyText) : undefined;
  if (digestSigningKeyFile) problems.push(...digestSigningKeyProblems(digestSigningKeyFile, resolve(text('DATA_DIR') ?? './data')));

  const retention = parseRetention(text('GALLRING_RULES'), problems);

  const voidAfterText = text('REFERENCE_VOID_AFTER') ?? '10m';
  const referenceVoidAfterSeconds = durationSeconds(voidAfterText) ?? 0;
  if (referenceVoidAfterSeconds < 60)
    problems.push(`REFERENCE_VOID_AFTER must be a duration of at least a minute, such as 10m or 1h, got "${voidAfterText}"`);

  const idempotency = {
    ttlHours: whole('IDEMPOTENCY_TTL_HOURS', 24, { min: 1, max: 8760, of: 'hours' }),
    leaseSeconds: whole('IDEMPOTENCY_LEASE_SECONDS', 30, { min: 1, max: 3600, of: 'seconds' }),
  };
  const publishMinCount = whole('PUBLISH_MIN_COUNT', 5, { min: 0, max: 100 });

  const stores = storeSettings(text, Boolean(esdb), problems);

  const smtpUrl = text('SMTP_URL');
  const mailFrom = text('MAIL_FROM');
  if (smtpUrl && !isUrl(smtpUrl, ['smtp:', 'smtps:']))
    problems.push(`SMTP_URL must be an smtp:// or smtps:// URL, got "${smtpUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  if (smtpUrl && !mailFrom) problems.push('MAIL_FROM is required when SMTP_URL is set');
  if (mailFrom && !/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(mailFrom))
    problems.push(`MAIL_FROM must be an e-mail address, or a name and <address>, got "${mailFrom}"`);
  if (mailFrom && !smtpUrl) problems.push('MAIL_FROM applies only with SMTP_URL; set it too, or unset MAIL_FROM');
  const outbox = outboxSettings(text, whole, problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host,
    dataDir: resolve(text('DATA_DIR') ?? './data'),
    ...stores,
    eventStoreConnectionString: esdb,
    auth: { jwksUrl, issuer, audience, devSecret, maxTokenAgeSeconds },
    logLevel,
    bodyLimit,
    readyMaxLag,
    rebuildThreads,
    replayConcurrency,
    workers,
    digestIntervalHours,
    digestSigningKeyFile,
    referenceVoidAfterSeconds,
    nodeEnv,
    deadlines,
    retention,
    idempotency,
    publishMinCount,
    municipalityName: text('MUNICIPALITY_NAME') ?? 'Stockholms stad',
    ...(smtpUrl && mailFrom ? { mail: { smtpUrl, from: mailFrom } } : {}),
    outbox,
  };
}

function outboxSettings(text: (name: string) => string | undefined, whole: WholeNumber, problems: string[]): AppConfig['outbox'] {
  const autoText = text('AUTO_RECEIPT') ?? 'true';
  if (!/^(true|false)$/.test(autoText)) problems.push(`AUTO_RECEIPT must be true or false, got "${autoText}"`);
  const maxAttempts = whole('MAIL_MAX_ATTEMPTS', 8, { min: 1, max: 99 });
  const baseText = text('MAIL_RETRY_BASE_SECONDS') ?? '60';
  if (!/^\d{1,5}(\.\d{1,3})?$/.test(baseText) || Number(baseText) <= 0 || Number(baseText) > 86_400)
    problems.push(`MAIL_RETRY_BASE_SECONDS must be a number of seconds above 0, at most 86400, got "${baseText}"`);
  return {
    autoReceipt: autoText === 'true',
    maxAttempts,
    retryBaseSeconds: Number(baseText),
    maxAgeHours: whole('MAIL_MAX_AGE_HOURS', 72, { min: 1, max: 9999, of: 'hours' }),
  };
}

type WholeNumber = (name: string, fallback: number, range: { min: number; max: number; of?: string; zero?: string }) => number;

/**
 * Reads a whole-number setting (its fallback when unset) and checks its range; a problem names the setting, the range
 * (`of`: what it counts; `zero`: what 0 means) and what was given.
 */
function wholeNumbers(text: (name: string) => string | undefined, problems: string[]): WholeNumber {
  return (name, fallback, { min, max, of, zero }) => {
    const given = text(name) ?? String(fallback);
    const n = /^\d{1,9}$/.test(given) ? Number(given) : NaN;
    if (!(n >= min && n <= max)) {
      const from = zero && min === 0 ? `0 (${zero})` : String(min);
      problems.push(`${name} must be a whole number${of ? ` of ${of}` : ''} from ${from} to ${max}, got "${given}"`);
    }
    return n;
  };
}

/** Where the log, the keys and the idempotency records live: files on this host, or PostgreSQL for several hosts. */
function storeSettings(text: (name: string) => string | undefined, esdb: boolean, problems: string[]) {
  const postgres = (name: string): string | undefined => {
    const url = text(name);
    if (url && !isUrl(url, ['postgres:', 'postgresql:']))
      problems.push(
        `${name} must be a postgres:// or postgresql:// URL (TLS through sslmode in it), got "${url.replace(/:[^:@/]*@/, ':***@')}"`,
      );
    return url;
  };
  const shared = postgres('POSTGRES_URL');
  const keyStoreUrl = postgres('KEY_STORE_URL') ?? shared;
  const idempotencyStoreUrl = postgres('IDEMPOTENCY_STORE_URL') ?? shared;
  const keyStorePath = text('KEY_STORE_PATH') ? resolve(text('KEY_STORE_PATH')!) : undefined;
  if (keyStorePath && keyStoreUrl)
    problems.push('KEY_STORE_PATH (a file on this host) and KEY_STORE_URL or POSTGRES_URL (PostgreSQL) name two key stores; set one');
  const eventStorePath = text('EVENT_STORE_PATH') ? resolve(text('EVENT_STORE_PATH')!) : undefined;
  if (eventStorePath && esdb) problems.push('EVENT_STORE_PATH is the embedded log’s file; unset it with EVENTSTORE_CONNECTION_STRING');
  return { keyStorePath, keyStoreUrl, idempotencyStoreUrl, eventStorePath };
}

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const CASE_TYPES = ['complaint', 'opinion', 'praise', 'idea'];

function parseRetention(json: string | undefined, problems: string[]): RetentionRule[] {
  if (!json) return DEFAULT_RETENTION;
  let rules: unknown;
  try {
    rules = JSON.parse(json);
  } catch {
    problems.push('GALLRING_RULES must be JSON: [{"name": "...", "types": ["complaint"], "yearsAfterClosing": 2}]');
    return [];
  }
  const ok =
    Array.isArray(rules) &&
    rules.length > 0 &&
    rules.every(
      (r) =>
        typeof r?.name === 'string' &&
        r.name.trim() &&
        Array.isArray(r.types) &&
        r.types.length > 0 &&
        r.types.every((t: unknown) => CASE_TYPES.includes(t as string)) &&
        Number.isInteger(r.yearsAfterClosing) &&
        r.yearsAfterClosing >= 0,
    );
  if (!ok)
    problems.push(
      `GALLRING_RULES must be a non-empty list of {name, types (of ${CASE_TYPES.join(', ')}), yearsAfterClosing (whole years)}`,
    );
  return ok ? (rules as RetentionRule[]) : [];
}
