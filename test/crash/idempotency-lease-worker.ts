// Child process of the idempotency lease test; runs from the TypeScript sources through test/support/register.js.
//   node -r test/support/register.js test/crash/idempotency-lease-worker.ts <file> <scope> <key> <hash> <now ISO> <lease ms>
// Opens the store on <file>, reserves the key at <now>, prints the reservation as one JSON line, then waits (as a
// request still running would) until the parent kills it.
import { writeSync } from 'node:fs';
import { SqliteIdempotencyStore } from '@app/platform';

const [path, scope, key, hash, now, leaseMs] = process.argv.slice(2);
const store = new SqliteIdempotencyStore({ path, ttlMs: 24 * 3_600_000, leaseMs: Number(leaseMs) });
void store.reserve(scope, key, hash, new Date(now)).then((reservation) => {
  writeSync(1, `${JSON.stringify({ kind: reservation.kind })}\n`);
  setInterval(() => undefined, 60_000); // holds the key, as a hung request would
});
