import { PostgresIdempotencyStore } from '@app/platform';
import { describeWithPostgres, freshSchema, TestSchema } from '../support/postgres';
import { at, idempotencyStoreContract, TIMES } from './idempotency-store.contract';

describeWithPostgres('PostgresIdempotencyStore', (server) => {
  const schemas: TestSchema[] = [];
  const fresh = async () => {
    const schema = await freshSchema(server);
    schemas.push(schema);
    return schema.url;
  };
  afterAll(() => Promise.all(schemas.map((s) => s.drop())));

  idempotencyStoreContract('postgres', async (times) => PostgresIdempotencyStore.open({ url: await fresh(), ...times }));

  it('gives one key to exactly one of many instances that reserve it at once, and the others see it running', async () => {
    const url = await fresh();
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresIdempotencyStore.open({ url, ...TIMES })));
    try {
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) => stores[i % stores.length].reserve('intake /api/cases', 'k', 'h1', at(i))),
      );
      expect(answers.filter((a) => a.kind === 'new')).toHaveLength(1);
      expect(answers.filter((a) => a.kind === 'in_progress')).toHaveLength(23);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
