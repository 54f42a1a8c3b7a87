/**
 * What `work` settles with, or `onTimeout()` if `ms` pass first (a probe must answer even when what it asks hangs).
 * The timer is cleared as soon as either wins and never holds the process open by itself.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (err) {
        reject(err); // a rejection of the answer, not an uncaught exception in a timer
      }
    }, ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
