import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has working defaults for the embedded store', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/data$/);
    expect(c.eventStoreConnectionString).toBeUndefined();
    expect(c.auth.jwksUrl).toBeUndefined();
  });

  it('reads PORT, DATA_DIR and the EventStoreDB connection string', () => {
    const c = loadConfig({ PORT: '8080', DATA_DIR: '/tmp/x', EVENTSTORE_CONNECTION_STRING: 'esdb+discover://a:2113,b:2113?tls=true' });
    expect(c).toMatchObject({ port: 8080, dataDir: '/tmp/x', eventStoreConnectionString: 'esdb+discover://a:2113,b:2113?tls=true' });
  });

  it.each(['ESDB://localhost:2113?tls=false', 'KurrentDB+Discover://cluster:2113', 'kdb://localhost:2113'])(
    'accepts the adapter’s schemes in any case: %s',
    (cs) => expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: cs }).eventStoreConnectionString).toBe(cs),
  );

  it('refuses throwOnAppendFailure=false, under which a lost race would pass for a written append', () => {
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false&ThrowOnAppendFailure=false' })).toThrow(
      /throwOnAppendFailure/,
    );
  });

  it('puts EVENTSTORE_USERNAME and EVENTSTORE_PASSWORD into the connection string, URL-encoded', () => {
    const c = loadConfig({
      EVENTSTORE_CONNECTION_STRING: 'esdb://node1:2113,node2:2113?tls=true',
      EVENTSTORE_USERNAME: 'synpunkt',
      EVENTSTORE_PASSWORD: 'p@ss:w/rd%?&',
    });
    expect(c.eventStoreConnectionString).toBe('esdb://synpunkt:p%40ss%3Aw%2Frd%25%3F%26@node1:2113,node2:2113?tls=true');
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://n:2113', EVENTSTORE_USERNAME: 'synpunkt' })).toThrow(/go together/);
  });

  it('names every bad value in one error', () => {
    try {
      loadConfig({ PORT: 'abc', EVENTSTORE_CONNECTION_STRING: 'http://x', AUTH_JWKS_URL: 'not a url', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/EVENTSTORE_CONNECTION_STRING/);
      expect(problems).toMatch(/AUTH_JWKS_URL must be/);
      expect(problems).toMatch(/AUTH_ISSUER is required/);
      expect(problems).toMatch(/AUTH_AUDIENCE is required/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });

  it('reads the default deadlines in working days', () => {
    expect(loadConfig({}).deadlines).toEqual({ acknowledgeWorkingDays: 2, respondWorkingDays: 10 });
    expect(loadConfig({ ACKNOWLEDGE_WORKING_DAYS: '3', RESPOND_WORKING_DAYS: '15' }).deadlines).toEqual({
      acknowledgeWorkingDays: 3,
      respondWorkingDays: 15,
    });
    expect(() => loadConfig({ RESPOND_WORKING_DAYS: 'ten' })).toThrow(/RESPOND_WORKING_DAYS/);
  });

  it('reads gallring rules, with a default', () => {
    expect(loadConfig({}).retention[0]).toMatchObject({ yearsAfterClosing: 2 });
    const rules = [{ name: 'Klagomål', types: ['complaint'], yearsAfterClosing: 3 }];
    expect(loadConfig({ GALLRING_RULES: JSON.stringify(rules) }).retention).toEqual(rules);
    expect(() => loadConfig({ GALLRING_RULES: '[{"name":"x","types":["spam"],"yearsAfterClosing":1}]' })).toThrow(/GALLRING_RULES/);
    expect(() => loadConfig({ GALLRING_RULES: 'nope' })).toThrow(/GALLRING_RULES must be JSON/);
  });

  it('reads after how long a reference without its case is voided: ten minutes unless set, at least a minute', () => {
    expect(loadConfig({}).referenceVoidAfterSeconds).toBe(600);
    expect(loadConfig({ REFERENCE_VOID_AFTER: '1h' }).referenceVoidAfterSeconds).toBe(3600);
    expect(() => loadConfig({ REFERENCE_VOID_AFTER: '30s' })).toThrow(/REFERENCE_VOID_AFTER/);
    expect(() => loadConfig({ REFERENCE_VOID_AFTER: 'soon' })).toThrow(/REFERENCE_VOID_AFTER/);
  });

  it('reads the digest interval, 24 hours unless set, 0 for never', () => {
    expect(loadConfig({}).digestIntervalHours).toBe(24);
    expect(loadConfig({ DIGEST_INTERVAL_HOURS: '0' }).digestIntervalHours).toBe(0);
    expect(() => loadConfig({ DIGEST_INTERVAL_HOURS: 'daily' })).toThrow(
      'DIGEST_INTERVAL_HOURS must be a whole number of hours from 0 (off) to 9999, got "daily"',
    );
  });

  it('names every whole-number setting that is wrong at once, with its range and what was given', () => {
    let problems = '';
    try {
      loadConfig({ PORT: '3000.5', READY_MAX_LAG: '-5', ACKNOWLEDGE_WORKING_DAYS: '0', PUBLISH_MIN_COUNT: '1e2' });
    } catch (err) {
      problems = String(err);
    }
    expect(problems).toContain('PORT must be a whole number from 0 to 65535, got "3000.5"');
    expect(problems).toContain('READY_MAX_LAG must be a whole number of seconds from 0 to 999999999, got "-5"');
    expect(problems).toContain('ACKNOWLEDGE_WORKING_DAYS must be a whole number of working days from 1 to 99, got "0"');
    expect(problems).toContain('PUBLISH_MIN_COUNT must be a whole number from 0 to 100, got "1e2"');
    expect(loadConfig({ READY_MAX_LAG: '0', PUBLISH_MIN_COUNT: '0' })).toMatchObject({ readyMaxLag: 0, publishMinCount: 0 });
    expect(loadConfig({ READY_MAX_LAG: '10000000' }).readyMaxLag).toBe(10_000_000); // the report bench's, for a generated year
  });

  it('reads how long idempotency records are kept (24 h unless set, 1 to 8760) and the lease of a running request (30 s)', () => {
    expect(loadConfig({}).idempotency).toEqual({ ttlHours: 24, leaseSeconds: 30 });
    expect(loadConfig({ IDEMPOTENCY_TTL_HOURS: '8760', IDEMPOTENCY_LEASE_SECONDS: '5' }).idempotency).toEqual({
      ttlHours: 8760,
      leaseSeconds: 5,
    });
    expect(() => loadConfig({ IDEMPOTENCY_TTL_HOURS: '0' })).toThrow(
      /IDEMPOTENCY_TTL_HOURS must be a whole number of hours from 1 to 8760/,
    );
    expect(() => loadConfig({ IDEMPOTENCY_TTL_HOURS: '8761' })).toThrow(/IDEMPOTENCY_TTL_HOURS/);
    expect(() => loadConfig({ IDEMPOTENCY_LEASE_SECONDS: 'long' })).toThrow(/IDEMPOTENCY_LEASE_SECONDS/);
  });

  it('reads the rebuild threads: one per core beside the main one, at most two, unless set', () => {
    expect(loadConfig({}).rebuildThreads).toBe(Math.min(2, availableParallelism() - 1));
    expect(loadConfig({ REBUILD_THREADS: '0' }).rebuildThreads).toBe(0);
    expect(loadConfig({ REBUILD_THREADS: '4' }).rebuildThreads).toBe(4);
    expect(() => loadConfig({ REBUILD_THREADS: 'many' })).toThrow(/REBUILD_THREADS must be a whole number from 0 to 8, got "many"/);
    expect(() => loadConfig({ REBUILD_THREADS: '9' })).toThrow(/REBUILD_THREADS/);
  });

  it('reads the replay threads: two unless set, from 1 to 16', () => {
    expect(loadConfig({}).replayConcurrency).toBe(2);
    expect(loadConfig({ REPLAY_CONCURRENCY: '1' }).replayConcurrency).toBe(1);
    expect(loadConfig({ REPLAY_CONCURRENCY: '16' }).replayConcurrency).toBe(16);
    for (const bad of ['0', '17', 'two', '1.5'])
      expect(() => loadConfig({ REPLAY_CONCURRENCY: bad })).toThrow(
        `REPLAY_CONCURRENCY must be a whole number of replay threads from 1 to 16, got "${bad}"`,
      );
  });

  it('reads the HTTP workers: cores − 1, at least one, unless set; 0 runs everything in one process', () => {
    expect(loadConfig({}).workers).toBe(Math.max(1, availableParallelism() - 1));
    expect(loadConfig({ WORKERS: '0' }).workers).toBe(0);
    expect(loadConfig({ WORKERS: '12' }).workers).toBe(12);
    expect(() => loadConfig({ WORKERS: 'all' })).toThrow(/WORKERS must be a whole number of HTTP worker processes from 0 .* got "all"/);
    expect(() => loadConfig({ WORKERS: '65' })).toThrow(/WORKERS/);
    expect(() => loadConfig({ WORKERS: '-1' })).toThrow(/WORKERS/);
  });

  it('rejects a port out of range and a short dev secret', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ AUTH_DEV_SECRET: 'short' })).toThrow(/AUTH_DEV_SECRET/);
  });

  it('reads the longest accepted token lifetime: 12 h unless set, as 12h, 90m, 3600s or seconds', () => {
    expect(loadConfig({}).auth.maxTokenAgeSeconds).toBe(12 * 3600);
    expect(loadConfig({ AUTH_MAX_TOKEN_AGE: '90m' }).auth.maxTokenAgeSeconds).toBe(5400);
    expect(loadConfig({ AUTH_MAX_TOKEN_AGE: '3600' }).auth.maxTokenAgeSeconds).toBe(3600);
    expect(() => loadConfig({ AUTH_MAX_TOKEN_AGE: 'a day' })).toThrow(/AUTH_MAX_TOKEN_AGE must be a duration/);
    expect(() => loadConfig({ AUTH_MAX_TOKEN_AGE: '30s' })).toThrow(/AUTH_MAX_TOKEN_AGE/);
    expect(() => loadConfig({ AUTH_MAX_TOKEN_AGE: '8d' })).toThrow(/AUTH_MAX_TOKEN_AGE/);
  });

  it('fetches the identity provider keys over https, plain http only on a loopback address', () => {
    const idp = { AUTH_ISSUER: 'https://idp.example.se', AUTH_AUDIENCE: 'synpunkt' };
    for (const url of [
      'https://idp.example.se/jwks',
      'http://127.0.0.1:8080/jwks.json',
      'http://127.9.0.1/j',
      'http://[::1]/j',
      'http://localhost/j',
    ]) {
      expect(loadConfig({ ...idp, AUTH_JWKS_URL: url }).auth.jwksUrl).toBe(url);
    }
    for (const url of ['http://idp.example.se/jwks', 'http://10.0.0.5/jwks', 'http://128.0.0.1/jwks', 'http://localhost.example.se/j']) {
      expect(() => loadConfig({ ...idp, AUTH_JWKS_URL: url })).toThrow(
        /AUTH_JWKS_URL must be https: \(plain http only on a loopback address/,
      );
    }
  });

  it('listens on 127.0.0.1 in development mode and on every interface with an identity provider, unless HOST is set', () => {
    const idp = { AUTH_JWKS_URL: 'https://idp.example.se/jwks', AUTH_ISSUER: 'https://idp.example.se', AUTH_AUDIENCE: 'synpunkt' };
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig(idp).host).toBeUndefined();
    expect(loadConfig({ ...idp, HOST: '::' }).host).toBe('::');
    expect(() => loadConfig({ HOST: 'http://x' })).toThrow(/HOST must be a host name or IP address/);
  });

  it('refuses production mode without an identity provider, since the development secret is public', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL is required when NODE_ENV=production/);
    const prod = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://idp.example.se/jwks',
      AUTH_ISSUER: 'https://idp.example.se',
      AUTH_AUDIENCE: 'synpunkt',
    });
    expect(prod).toMatchObject({ nodeEnv: 'production', auth: { jwksUrl: 'https://idp.example.se/jwks' } });
  });

  it('refuses a NODE_ENV it does not know, naming the ones it does, beside every other problem', () => {
    for (const nodeEnv of ['development', 'test']) expect(loadConfig({ NODE_ENV: nodeEnv }).nodeEnv).toBe(nodeEnv);
    expect(loadConfig({}).nodeEnv).toBe('development');
    expect(() => loadConfig({ NODE_ENV: 'staging', PORT: 'x' })).toThrow(
      expect.objectContaining({
        problems: [
          'PORT must be a whole number from 0 to 65535, got "x"',
          'NODE_ENV must be one of development, production, test, got "staging"',
        ],
      }),
    );
  });
});

describe('loadConfig: where the log, the keys and the idempotency records live', () => {
  const pg = 'postgres://synpunkt:hemligt@db.example.se:5432/synpunkt?sslmode=verify-full';

  it('keeps everything in files under DATA_DIR by default', () => {
    expect(loadConfig({})).toMatchObject({
      keyStorePath: undefined,
      keyStoreUrl: undefined,
      idempotencyStoreUrl: undefined,
      eventStorePath: undefined,
    });
  });

  it('puts the keys and the idempotency records in PostgreSQL with POSTGRES_URL, each overridable on its own', () => {
    expect(loadConfig({ POSTGRES_URL: pg })).toMatchObject({ keyStoreUrl: pg, idempotencyStoreUrl: pg });
    const other = 'postgresql://idem@idem.example.se/idem';
    expect(loadConfig({ POSTGRES_URL: pg, IDEMPOTENCY_STORE_URL: other })).toMatchObject({ keyStoreUrl: pg, idempotencyStoreUrl: other });
    expect(loadConfig({ KEY_STORE_URL: pg })).toMatchObject({ keyStoreUrl: pg, idempotencyStoreUrl: undefined });
  });

  it('refuses a URL that is not PostgreSQL’s without repeating its password, and two key stores at once', () => {
    expect(() => loadConfig({ KEY_STORE_URL: 'mysql://u:hemligt@db/x' })).toThrow(/KEY_STORE_URL must be a postgres:\/\/ .*u:\*\*\*@db/);
    expect(() => loadConfig({ KEY_STORE_URL: 'mysql://u:hemligt@db/x' })).not.toThrow(/hemligt/);
    expect(() => loadConfig({ KEY_STORE_PATH: '/srv/keys.sqlite', POSTGRES_URL: pg })).toThrow(/name two key stores; set one/);
  });

  it('takes the embedded log’s file from EVENT_STORE_PATH, and refuses it beside KurrentDB', () => {
    expect(loadConfig({ EVENT_STORE_PATH: '/srv/delad/events.sqlite' }).eventStorePath).toBe('/srv/delad/events.sqlite');
    expect(() => loadConfig({ EVENT_STORE_PATH: '/x.sqlite', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' })).toThrow(
      /EVENT_STORE_PATH is the embedded log’s file/,
    );
  });
});
