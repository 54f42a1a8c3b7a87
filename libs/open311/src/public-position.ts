import { CaseRegistered, caseStream } from '@app/cases';
import { EventStore } from '@app/event-store';

/** Three decimals of a degree: about 110 m north–south, less east–west at our latitudes. */
const DECIMALS = 1000;

export interface PublicPosition {
  lat: number;
  long: number;
}

/** What of a case decides whether its position may be shown: its registration and whether it was erased. */
export interface PositionSource {
  channel?: string;
  location?: unknown;
  erased: boolean;
}

const round = (degrees: number) => Math.round(degrees * DECIMALS) / DECIMALS;

/**
 * The place is the submitter's personal data. Open311 shows it only for a request filed through Open311 (the filer
 * published it there), rounded to about 100 m, and never once erased; an erased or still sealed location has no numbers.
 * Derived on every read: no file the system writes holds a position, rounded or not.
 */
export function publicPosition(c: PositionSource): PublicPosition | undefined {
  if (c.erased || c.channel !== 'open311') return undefined;
  const { lat, long } = (c.location ?? {}) as { lat?: unknown; long?: unknown };
  if (typeof lat !== 'number' || typeof long !== 'number' || !Number.isFinite(lat) || !Number.isFinite(long)) return undefined;
  return { lat: round(lat), long: round(long) };
}

/** The position of a case read from its registration (the first event, personal fields opened by the store). */
export async function publicPositionOf(store: EventStore, caseId: string): Promise<PublicPosition | undefined> {
  const [first] = await store.readStream(caseStream(caseId), { maxCount: 1 });
  if (first?.type !== 'CaseRegistered.v1') return undefined;
  const registered = first.data as CaseRegistered['data'];
  return publicPosition({ channel: registered.channel, location: registered.location, erased: false });
}
