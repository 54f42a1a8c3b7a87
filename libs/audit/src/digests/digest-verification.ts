import { KeyObject } from 'node:crypto';
import { EventStore } from '@app/event-store';
import { ExportedDigest } from './digest-export';
import { checkSignature, keyIdOf, RecordedDigest } from './digest-signing';
import { DIGEST_STREAM, LogDigest, logDigest, logDigestsAt, recordedDigests } from './log-digest';

export interface DigestsReport {
  ok: boolean;
  /** The fingerprint of the public key checked against. */
  keyId: string;
  /** Digests recorded in the log, each recomputed from the log up to its position. */
  checked: number;
  /** Of those, signed with this key and intact. */
  signed: number;
  /** Recorded without a signature (before a key was configured): they vouch for nothing, but must still match. */
  unsigned: number;
  /** The newest signed digest: what it covers; events after it are vouched for by no signature yet. */
  latestSigned?: { revision: string; position: string; takenAt: string };
  firstBroken?: { streamId: string; revision: string; position: string; takenAt: string; reason: string };
  /** Why the report fails when no single digest is to blame. */
  reason?: string;
}

/** Does `recomputed` (the log as it is now, up to the digest's position) say what the digest says? */
export function mismatch(claimed: Pick<RecordedDigest, keyof LogDigest>, recomputed: LogDigest): string | undefined {
  if (recomputed.position !== claimed.position) {
    return `the log has no event at position ${claimed.position} any more (the last one up to it is ${recomputed.position})`;
  }
  if (recomputed.digest === claimed.digest && recomputed.events === claimed.events && recomputed.streams === claimed.streams) {
    return undefined;
  }
  return (
    `the log no longer matches it: up to position ${claimed.position} the log now digests to ${recomputed.digest} ` +
    `(${recomputed.events} events, ${recomputed.streams} streams), the digest says ${claimed.digest} ` +
    `(${claimed.events} events, ${claimed.streams} streams)`
  );
}

/**
 * Checks every digest recorded in the log: its signature against a public key kept elsewhere, and that the log up to
 * its position still digests to what it says. Fails when no digest is signed with the key, so that a log stripped of
 * its signed digests never passes by default.
 */
export async function verifyDigests(store: EventStore, publicKey: KeyObject): Promise<DigestsReport> {
  const keyId = keyIdOf(publicKey);
  const digests = await recordedDigests(store);
  const positions = [...new Set(digests.map((d) => d.data.position))].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const recomputed = new Map((await logDigestsAt(store, positions)).map((d, i) => [positions[i].toString(), d]));
  const report: DigestsReport = { ok: true, keyId, checked: 0, signed: 0, unsigned: 0 };
  for (const d of digests) {
    report.checked++;
    const signature = checkSignature(d.data, publicKey);
    const problem =
      signature === 'invalid'
        ? 'its signature does not match its content: the digest was altered after it was signed'
        : signature === 'another key'
          ? `it is signed with another key (${d.data.keyId}), not with ${keyId}`
          : mismatch(d.data, recomputed.get(d.data.position)!);
    if (problem) {
      report.ok = false;
      report.firstBroken ??= {
        streamId: DIGEST_STREAM,
        revision: d.revision.toString(),
        position: d.data.position,
        takenAt: d.data.takenAt,
        reason: problem,
      };
      continue;
    }
    if (signature === 'unsigned') {
      report.unsigned++;
      continue;
    }
    report.signed++;
    report.latestSigned = { revision: d.revision.toString(), position: d.data.position, takenAt: d.data.takenAt };
  }
  if (!report.signed) {
    report.ok = false;
    report.reason = `no digest in the log is signed with key ${keyId}: nothing vouches for the log`;
  }
  return report;
}

/** The streams' heads checked against the newest signed digest, on a store that records none (see headsAtLastSignedDigest). */
export interface SignedHeadsReport {
  ok: boolean;
  /** The digest compared with; absent when none is signed yet. */
  position?: string;
  takenAt?: string;
  reason?: string;
}

/**
 * The hash chains cannot show events cut from a stream's end; SQLite records every stream's head to compare with,
 * KurrentDB records none (its streamHeads is missing or empty). There, the newest signed digest in the log vouches
 * for every head up to its position, and the log recomputed up to it must still say the same; events after it are
 * vouched for by no digest yet. With `publicKey`, only a digest whose signature it verifies counts. Undefined where
 * the store has heads (verifyEventLog compares those).
 */
export async function headsAtLastSignedDigest(store: EventStore, publicKey?: KeyObject): Promise<SignedHeadsReport | undefined> {
  if (store.streamHeads && (await store.streamHeads()).size > 0) return undefined;
  const signed = (await recordedDigests(store)).filter((d) =>
    publicKey ? checkSignature(d.data, publicKey) === 'valid' : !!(d.data.signature && d.data.keyId),
  );
  const last = signed[signed.length - 1];
  if (!last) return { ok: true, reason: "no signed digest is recorded yet: nothing vouches for the streams' heads" };
  const at = { position: last.data.position, takenAt: last.data.takenAt };
  const problem = mismatch(last.data, await logDigest(store, BigInt(last.data.position)));
  return problem ? { ok: false, ...at, reason: problem } : { ok: true, ...at };
}

/** Checks the log against a digest exported earlier (digest-export) and kept outside the server. */
export async function verifyExportedDigest(
  store: EventStore,
  exported: ExportedDigest,
  publicKey: KeyObject,
): Promise<{ ok: boolean; position: string; takenAt: string; reason?: string }> {
  const at = { position: exported.position, takenAt: exported.takenAt };
  const signature = checkSignature(exported, publicKey);
  if (signature !== 'valid') {
    const why = signature === 'another key' ? `it is signed with another key (${exported.keyId})` : `its signature is ${signature}`;
    return { ok: false, ...at, reason: `the digest file does not come from key ${keyIdOf(publicKey)}: ${why}` };
  }
  const problem = mismatch(exported, await logDigest(store, BigInt(exported.position)));
  return problem ? { ok: false, ...at, reason: problem } : { ok: true, ...at };
}
