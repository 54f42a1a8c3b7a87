import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RecordedEvent } from '@app/core';
import { isEncryptedEnvelope, KEY_STORE_FILE, openKeyStore } from '@app/event-store';
import { AppConfig } from '@app/platform';
import { CliContext } from '../cli-context';
import { progressBar } from '../progress';

/** An export line as `export` writes it (auditEventView): positions and revisions as numbers. */
export type ExportLine = Omit<RecordedEvent, 'revision' | 'position'> & { revision: number; position: number };

/** Each line of an export in turn, with the bytes read so far (the export does not say how many lines it holds). */
export async function* exportLines(file: string): AsyncGenerator<{ line: ExportLine; bytesRead: number; lineNo: number }> {
  const input = createReadStream(file);
  let lineNo = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    lineNo++;
    if (!text.trim()) continue;
    yield { line: JSON.parse(text) as ExportLine, bytesRead: input.bytesRead, lineNo };
  }
}

export class PartialExportError extends Error {}

const WHOLE = 'an import needs the whole log: make the export from its beginning, `export -o <file>` without --from-position or --after';

/**
 * Reads the export once before anything is written, and returns the subjects whose keys sealed its personal data.
 * An export cut at a position would otherwise fail half-way, at the first stream that began before the cut ("expected
 * revision 3, actual no_stream"), leaving a partly filled store. The target is empty, so every stream must begin at
 * revision 0 in the file. Where positions count events (consecutive, as SQLite's) the first must also be 1: a cut
 * after which every stream began anew would pass the stream check and lose what came before.
 */
export async function checkWholeExport(ctx: CliContext, file: string): Promise<Set<string>> {
  const bar = progressBar(ctx, 'check (bytes)', statSync(file).size);
  const seen = new Set<string>();
  const subjects = new Set<string>();
  let first: number | undefined;
  let previous: number | undefined;
  // Positions 1, 2, 3… (SQLite's) must start at 1; one event alone says nothing (a KurrentDB position is a byte offset).
  let consecutive = true;
  let lines = 0;
  try {
    for await (const { line, bytesRead, lineNo } of exportLines(file)) {
      first ??= line.position;
      lines++;
      if (previous !== undefined && line.position !== previous + 1) consecutive = false;
      previous = line.position;
      if (!seen.has(line.streamId)) {
        seen.add(line.streamId);
        if (line.revision !== 0) {
          if (consecutive && first !== 1) throw startsLate(file, first); // partial either way: say where it starts
          throw new PartialExportError(
            `${file} is not a whole export: its first event of stream ${line.streamId} (line ${lineNo}, position ${line.position}) ` +
              `is revision ${line.revision}, so the events before it are missing; ${WHOLE}`,
          );
        }
      }
      sealedSubjects(line.data, subjects);
      if (lineNo % 2000 === 0) bar.update(bytesRead);
    }
    if (first !== undefined && consecutive && lines > 1 && first !== 1) throw startsLate(file, first);
    bar.update(statSync(file).size);
  } finally {
    bar.stop();
  }
  return subjects;
}

const startsLate = (file: string, first: number) =>
  new PartialExportError(`${file} starts at position ${first}, not at the beginning of the log (position 1); ${WHOLE}`);

/** The subjects (`kid`) of the envelopes anywhere in an event's data. */
function sealedSubjects(data: unknown, into: Set<string>): void {
  if (typeof data !== 'object' || data === null) return;
  if (isEncryptedEnvelope(data)) into.add(data.kid);
  else for (const value of Object.values(data)) sealedSubjects(value, into);
}

/** Where the configured key store is, in the words of the configuration. */
export function keyStoreName(config: AppConfig): string {
  if (config.keyStoreUrl) return 'the PostgreSQL key store of KEY_STORE_URL';
  return config.keyStorePath ? `${config.keyStorePath} (KEY_STORE_PATH)` : join(config.dataDir, KEY_STORE_FILE);
}

/**
 * How many of the subjects the configured key store holds a key or a tombstone (an erasure) for. A SQLite key store
 * that is not there is not created: the operator is about to copy the source's into its place.
 */
export async function keysHeld(config: AppConfig, subjects: Set<string>): Promise<number> {
  if (!subjects.size) return 0;
  if (!config.keyStoreUrl && !existsSync(config.keyStorePath ?? join(config.dataDir, KEY_STORE_FILE))) return 0;
  const keys = await openKeyStore(config);
  try {
    return (await keys.lookup(subjects)).size;
  } finally {
    await keys.close();
  }
}
