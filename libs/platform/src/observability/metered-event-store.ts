import { EventStore } from '@app/event-store';
import { Histogram } from 'prom-client';

/** Times every append of the wrapped store into the given histogram; `appended` is told of each one that succeeded. */
export function meterAppends<S extends EventStore>(store: S, histogram: Histogram, appended?: () => void): S {
  const append = store.append.bind(store);
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'append') {
        return async (...args: Parameters<EventStore['append']>) => {
          const end = histogram.startTimer();
          try {
            const result = await append(...args);
            appended?.();
            return result;
          } finally {
            end();
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
