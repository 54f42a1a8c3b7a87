import { EventStore } from './event-store.port';

const PAGE = 5000;

/**
 * How many events the log holds, counted, up to `atMost` (the count stops there). A position is no count: on
 * KurrentDB it is a byte offset, so the head position of a log of ten events may be in the thousands.
 */
export async function countEvents(store: EventStore, atMost = Number.MAX_SAFE_INTEGER): Promise<number> {
  let counted = 0;
  let after: bigint | undefined;
  for (;;) {
    const want = Math.min(PAGE, atMost - counted);
    if (want <= 0) return counted;
    const page = await store.readAll({ after, limit: want, lean: true, sealed: true });
    counted += page.length;
    if (page.length < want) return counted;
    after = page[page.length - 1].position;
  }
}
