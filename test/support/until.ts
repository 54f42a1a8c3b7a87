/**
 * Polls `probe` every 25 ms until it answers something other than undefined, and answers that; fails naming `what`
 * after `timeoutMs`. For what an app does in the background (an outbox, a reactor, a restarted process), never a
 * timing assertion: the bound is generous because CI runs every suite in one process on a busy 2-core machine, and
 * shorter than jest's 30 s test timeout, so that a wait that fails says what it waited for.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() >= deadline) throw new Error(`never (in ${timeoutMs / 1000} s): ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
