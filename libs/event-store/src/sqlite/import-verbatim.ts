import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { RecordedEvent, WrongExpectedRevisionError } from '@app/core';
import { eventHashFromText } from '../hash-chain';
import { Statements } from './statements';

/**
 * Imports exported events verbatim, in one IMMEDIATE transaction: each must continue its stream's chain and carry a
 * hash that matches its content, or none is imported.
 */
export function importVerbatim(db: Database.Database, stmt: Statements, events: RecordedEvent[]): void {
  const insert = db.transaction((list: RecordedEvent[]) => {
    for (const e of list) {
      const head = stmt.head.get(e.streamId) as [number, string | null] | undefined;
      const current = head && head[0] >= 0 ? head[0] : -1;
      if (BigInt(current + 1) !== e.revision) {
        throw new WrongExpectedRevisionError(e.streamId, e.revision - 1n, current < 0 ? 'no_stream' : BigInt(current));
      }
      if ((current >= 0 ? head![1] : null) !== e.prevHash)
        throw new Error(`import: ${e.streamId}@${e.revision} does not link to the stream's head`);
      const dataText = canonicalize(e.data ?? null) as string;
      const metadataText = canonicalize(e.metadata) as string;
      if (eventHashFromText(e.streamId, e.revision, e.type, dataText, metadataText, e.prevHash) !== e.hash) {
        throw new Error(`import: ${e.streamId}@${e.revision} does not match its hash`);
      }
      stmt.insert.run(
        e.id,
        e.streamId,
        Number(e.revision),
        e.type,
        dataText,
        metadataText,
        String(e.metadata.recordedAt),
        e.prevHash,
        e.hash,
      );
      stmt.upsertHead.run(e.streamId, Number(e.revision), e.hash);
    }
  });
  insert.immediate(events);
}
