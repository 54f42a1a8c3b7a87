import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';

/** What a digest says, signed or not: the log up to `position` had this digest, taken at `takenAt`. */
export interface DigestStatement {
  /** SHA-256 over every stream's head (id, revision, hash), in stream-id order. */
  digest: string;
  streams: number;
  events: number;
  /** The last position the digest covers. */
  position: string;
  /** When the digest was taken (the event's own recordedAt is set by the store a moment later, so it is not signed). */
  takenAt: string;
}

/** `LogDigestRecorded.v2`: the statement, signed when the server has a key. */
export interface RecordedDigest extends DigestStatement {
  /** SHA-256 (hex) of the signing public key's DER (SubjectPublicKeyInfo): its fingerprint. */
  keyId?: string;
  /** Ed25519 signature (base64) over `signedContent`. */
  signature?: string;
}

export interface DigestSigner {
  keyId: string;
  sign(content: Buffer): string;
}

export const DIGEST_SIGNER = Symbol('DigestSigner');

/** Names what is signed, so that a signature made for a digest can never pass for anything else. */
const PURPOSE = 'synpunkt.log-digest.v1';

/** The exact bytes signed: the statement and the key id, as canonical (RFC 8785) JSON. */
export function signedContent(d: DigestStatement & { keyId: string }): Buffer {
  const { digest, streams, events, position, takenAt, keyId } = d;
  return Buffer.from(canonicalize({ purpose: PURPOSE, digest, streams, events, position, takenAt, keyId }) as string, 'utf8');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function signerFromKey(privateKey: KeyObject): DigestSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('a digest signing key must be Ed25519');
  return {
    keyId: keyIdOf(createPublicKey(privateKey)),
    sign: (content) => sign(null, content, privateKey).toString('base64'),
  };
}

/** The key file was checked at start (loadConfig): outside DATA_DIR, owner-only, Ed25519. */
export function loadDigestSigner(file: string): DigestSigner {
  return signerFromKey(createPrivateKey(readFileSync(file)));
}

/** A public key as published (PEM); refuses anything but Ed25519. */
export function readPublicKey(pem: string | Buffer): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the public key must be Ed25519, got ${key.asymmetricKeyType}`);
  return key;
}

export function signDigest(statement: DigestStatement, signer: DigestSigner): RecordedDigest {
  const keyId = signer.keyId;
  return { ...statement, keyId, signature: signer.sign(signedContent({ ...statement, keyId })) };
}

export type SignatureCheck = 'valid' | 'unsigned' | 'another key' | 'invalid';

/** Is this digest signed by `publicKey`, over exactly what it says? */
export function checkSignature(d: RecordedDigest, publicKey: KeyObject): SignatureCheck {
  if (!d.signature || !d.keyId) return 'unsigned';
  if (d.keyId !== keyIdOf(publicKey)) return 'another key';
  try {
    return verify(null, signedContent({ ...d, keyId: d.keyId }), publicKey, Buffer.from(d.signature, 'base64')) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
