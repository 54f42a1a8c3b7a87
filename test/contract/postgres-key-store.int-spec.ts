import type { Pool } from 'pg';
import { PostgresKeyStore } from '@app/event-store';
import { describeWithPostgres, freshSchema, TestSchema, withClient } from '../support/postgres';
import { keyStoreContract } from './key-store.contract';

describeWithPostgres('PostgresKeyStore', (server) => {
  const schemas: TestSchema[] = [];
  afterAll(() => Promise.all(schemas.map((s) => s.drop())));

  keyStoreContract('postgres', async () => {
    const schema = await freshSchema(server);
    schemas.push(schema);
    return (clock) => PostgresKeyStore.open({ url: schema.url, clock });
  });

  it("answers a seal's keys, held and new, in one round trip", async () => {
    const schema = await freshSchema(server);
    schemas.push(schema);
    const store = await PostgresKeyStore.open({ url: schema.url });
    try {
      await store.ensure(['held']);
      const queries = jest.spyOn((store as unknown as { pool: Pool }).pool, 'query');
      const found = await store.ensure(['held', 'new-1', 'new-2']);
      expect([...found.keys()].sort()).toEqual(['held', 'new-1', 'new-2']);
      expect(queries).toHaveBeenCalledTimes(1);
    } finally {
      await store.close();
    }
  });

  describe('schema', () => {
    it('records its version, migrates once however many open at once, and refuses a newer schema', async () => {
      const schema = await freshSchema(server);
      schemas.push(schema);
      const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresKeyStore.open({ url: schema.url })));
      await Promise.all(stores.map((s) => s.close()));
      const versions = await withClient(schema.url, (c) => c.query("SELECT version FROM schema_version WHERE component = 'key store'"));
      expect(versions.rows).toEqual([{ version: 1 }]);
      await withClient(schema.url, (c) => c.query("UPDATE schema_version SET version = 99 WHERE component = 'key store'"));
      await expect(PostgresKeyStore.open({ url: schema.url })).rejects.toThrow(/version 99, newer than this release knows \(1\)/);
    });

    it('names the database, never the password, when it cannot be opened', async () => {
      const url = new URL(server);
      url.port = '1';
      url.password = 'hemligt-losen';
      await expect(PostgresKeyStore.open({ url: url.toString() })).rejects.toThrow(
        new RegExp(`key store at postgres://${url.username}@127\\.0\\.0\\.1:1/`),
      );
      await expect(PostgresKeyStore.open({ url: url.toString() })).rejects.not.toThrow('hemligt');
    });
  });
});
