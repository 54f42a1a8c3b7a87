// Child process for the crash test: fires concurrent appends and prints one line per append that reported success.
import { SqliteEventStore } from '@app/event-store';

const [path, countText, prefix] = process.argv.slice(2);
const store = new SqliteEventStore({ path });
const count = Number(countText);

async function main(): Promise<void> {
  const writes = Array.from({ length: count }, async (_, i) => {
    // A mix: new streams with no_stream, and appends to a few shared streams with 'any' (their revisions must stay contiguous).
    const shared = i % 3 === 0;
    const streamId = shared ? `shared-${i % 7}` : `${prefix}-single-${i}`;
    const result = await store.append(streamId, [{ type: 'Crash.v1', data: { i, text: 'åäö'.repeat(50) } }], {
      expectedRevision: shared ? 'any' : 'no_stream',
    });
    process.stdout.write(
      `${JSON.stringify({ streamId, revision: result.nextExpectedRevision.toString(), position: result.position.toString(), i })}\n`,
    );
  });
  // Stagger the load so that the parent can kill us while appends are in flight.
  await Promise.all(writes.map((w, i) => (i % 50 === 0 ? new Promise((r) => setTimeout(r, 1)).then(() => w) : w)));
  process.stdout.write('DONE\n');
  await new Promise(() => {}); // wait to be killed
}

void main();
