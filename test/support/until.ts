/**
 * Polls `probe` (every 25 ms, `tries` times) until it answers something other than undefined, and answers that; fails
 * naming `what`. For what an app does in the background (an outbox, a reactor), never a timing assertion.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, tries = 400): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never: ${what}`);
}
