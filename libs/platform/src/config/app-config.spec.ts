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

  it('reads the digest interval, 24 hours unless set, 0 for never', () => {
    expect(loadConfig({}).digestIntervalHours).toBe(24);
    expect(loadConfig({ DIGEST_INTERVAL_HOURS: '0' }).digestIntervalHours).toBe(0);
    expect(() => loadConfig({ DIGEST_INTERVAL_HOURS: 'daily' })).toThrow(/DIGEST_INTERVAL_HOURS/);
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

  it('rejects a port out of range and a short dev secret', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ AUTH_DEV_SECRET: 'short' })).toThrow(/AUTH_DEV_SECRET/);
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
});
