import { RecordedEvent } from '@app/core';
import { Subscription } from '../event-store.port';

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * Like mapSubscription, for a map that may have to wait (for a key from a networked key store). An event that needs
 * no waiting costs no extra promise; an error ends the inner iteration and reaches the consumer.
 */
export function openedSubscription(
  inner: Subscription,
  open: (event: RecordedEvent) => RecordedEvent | Promise<RecordedEvent>,
): Subscription {
  return {
    close: () => inner.close(),
    [Symbol.asyncIterator]() {
      const events = inner[Symbol.asyncIterator]();
      const fail = (err: unknown) => (events.return?.() ?? Promise.resolve(DONE)).then(() => Promise.reject(err));
      return {
        next: () =>
          events.next().then((r): IteratorResult<RecordedEvent> | Promise<IteratorResult<RecordedEvent>> => {
            if (r.done) return r;
            try {
              const opened = open(r.value);
              if (!(opened instanceof Promise)) return { value: opened, done: false };
              return opened.then((value) => ({ value, done: false as const }), fail);
            } catch (err) {
              return fail(err);
            }
          }),
        return: () => (events.return ? events.return() : Promise.resolve(DONE)),
      };
    },
  };
}
