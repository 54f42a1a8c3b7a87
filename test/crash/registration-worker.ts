// Child process of the void-reference test; runs from the TypeScript sources through test/support/register.js.
//   node -r test/support/register.js test/crash/registration-worker.ts <events.sqlite> <now ISO>
// Takes a case reference as a registration does first, prints it as one line, then waits for the parent to kill it
// before the registration's second append (the case itself) is made.
import { writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ReferenceAllocator } from '@app/cases';
import { FixedClock } from '@app/core';
import { SqliteEventStore } from '@app/event-store';

const [path, now] = process.argv.slice(2);
const store = new SqliteEventStore({ path, clock: new FixedClock(new Date(now)) });
void new ReferenceAllocator(store).allocate(2026, randomUUID()).then((reference) => {
  writeSync(1, `TAKEN ${reference}\n`);
  setInterval(() => undefined, 60_000); // the case append never comes
});
