import { CaseMerged, loadCaseWithEvents, messagesStream, referenceStream } from '@app/cases';
import { NotFoundError } from '@app/core';
import { EventStore } from '@app/event-store';
import { noteOf, PublicNote } from '../public-history';
import { publicPosition } from '../public-position';
import { PublicRequest } from '../public-request';

/**
 * A case by its reference, straight from its events: the Nth ReferenceAssigned of the year names the case.
 * Confidential or unknown → undefined (the caller answers 404 either way, so nothing tells them apart).
 */
export async function loadPublicRequest(
  store: EventStore,
  reference: string,
): Promise<{ request: PublicRequest; notes: PublicNote[] } | undefined> {
  const m = /^(\d{4})-(\d{6})$/.exec(reference);
  if (!m || Number(m[2]) < 1) return undefined;
  const [assigned] = await store.readStream(referenceStream(Number(m[1])), { fromRevision: BigInt(Number(m[2]) - 1), maxCount: 1 });
  const assignment = assigned?.data as { reference?: string; caseId?: string } | undefined;
  if (!assignment?.caseId || assignment.reference !== reference) return undefined;
  const loaded = await loadCaseWithEvents(store, assignment.caseId).catch(absent);
  if (!loaded || loaded.state.confidential) return undefined;
  const { state: s, events } = loaded;
  const merged = [...events].reverse().find((e) => e.type === 'CaseMerged.v1')?.data as CaseMerged['data'] | undefined;
  return {
    request: {
      reference: s.reference!,
      unitId: s.unitId!,
      type: s.type!,
      status: s.status!,
      ...(s.resolution ? { resolution: s.resolution } : {}),
      ...(s.mergedInto && merged?.intoReference ? { mergedIntoReference: merged.intoReference } : {}),
      needsResponse: !!s.needsResponse,
      receivedAt: s.receivedAt!,
      updatedAt: events[events.length - 1].metadata.recordedAt,
      respondBy: s.respondBy!,
      ...publicPosition({ channel: s.channel, location: s.location, erased: !!s.erasedAt }),
      erased: !!s.erasedAt,
    },
    // The response's delivery, from the case's messages stream, in log order among the case's own notes.
    notes: [...events, ...(await store.readStream(messagesStream(assignment.caseId)))]
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
      .flatMap((e) => noteOf(e) ?? []),
  };
}

/** A reference whose registration never completed has no case: as unknown as any other. */
function absent(err: unknown): undefined {
  if (err instanceof NotFoundError) return undefined;
  throw err;
}
