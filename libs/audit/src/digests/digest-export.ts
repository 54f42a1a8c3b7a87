import { RecordedDigest } from './digest-signing';
import { DIGEST_STREAM, StoredDigest } from './log-digest';

const FORMAT = 'synpunkt.log-digest-export.v1';

/**
 * A signed digest as a small file to publish or send to the registrar (diariet): kept outside the server, it still
 * vouches for the log after someone has removed or rewritten every digest stored in it.
 */
export interface ExportedDigest extends Required<RecordedDigest> {
  format: typeof FORMAT;
  algorithm: 'Ed25519';
  /** The public key's fingerprint (the same as keyId), to compare with the published key's. */
  publicKeyFingerprint: string;
  /** Where the digest is recorded in the log, and when the store recorded it. */
  recorded: { streamId: string; revision: string; position: string; recordedAt: string };
}

export function exportDigest(d: StoredDigest): ExportedDigest {
  const { digest, streams, events, position, takenAt, keyId, signature } = d.data;
  if (!keyId || !signature) throw new Error(`the digest at ${DIGEST_STREAM}@${d.revision} is not signed`);
  return {
    format: FORMAT,
    digest,
    streams,
    events,
    position,
    takenAt,
    algorithm: 'Ed25519',
    keyId,
    publicKeyFingerprint: keyId,
    signature,
    recorded: { streamId: DIGEST_STREAM, revision: d.revision.toString(), position: d.position.toString(), recordedAt: d.recordedAt },
  };
}

/** Reads an exported digest back, naming what is missing; its signature is checked by the caller against a published key. */
export function parseExportedDigest(text: string): ExportedDigest {
  let value: Partial<ExportedDigest>;
  try {
    value = JSON.parse(text) as Partial<ExportedDigest>;
  } catch {
    throw new Error('the digest file is not JSON');
  }
  if (value?.format !== FORMAT) throw new Error(`the digest file is not a ${FORMAT} file (from digest-export)`);
  const missing = (['digest', 'streams', 'events', 'position', 'takenAt', 'keyId', 'signature'] as const).filter(
    (k) => value[k] === undefined,
  );
  if (missing.length) throw new Error(`the digest file lacks ${missing.join(', ')}`);
  if (!/^\d+$/.test(String(value.position))) throw new Error('the digest file’s position is not a whole number');
  return value as ExportedDigest;
}
