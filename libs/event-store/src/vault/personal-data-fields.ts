import { EncryptedEnvelope, isEncryptedEnvelope } from './personal-data-vault';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/**
 * A copy of `data` with each path's value replaced by `seal(value)` (an envelope; or, for erasure and the audit's held
 * values, a stand-in). Shorter paths go first and a path inside an already sealed one is skipped, so `submitter` +
 * `submitter.email` seals `submitter` once. The input is not changed.
 */
export function sealFields(data: unknown, paths: string[], seal: (value: unknown, path: string) => unknown): unknown {
  if (!isRecord(data)) return data;
  const root = structuredClone(data);
  const sealed: string[] = [];
  for (const path of [...paths].sort((a, b) => a.split('.').length - b.split('.').length)) {
    if (sealed.some((p) => path.startsWith(`${p}.`))) continue;
    const segments = path.split('.');
    let parent: unknown = root;
    for (const segment of segments.slice(0, -1)) parent = isRecord(parent) && Object.hasOwn(parent, segment) ? parent[segment] : undefined;
    const last = segments[segments.length - 1];
    if (!isRecord(parent) || !Object.hasOwn(parent, last)) continue;
    const value = parent[last];
    if (value === undefined || value === null) continue; // nothing personal in an absent value
    parent[last] = seal(value, path);
    sealed.push(path);
  }
  return root;
}

/**
 * Replaces every envelope anywhere in `data` by what `open` makes of it (the value, or the erased marker); `open`
 * is told the dot path the envelope stands at (array items by index), the place a bound envelope was sealed for.
 */
export function openEnvelopes(data: unknown, open: (envelope: EncryptedEnvelope, path: string) => unknown, path = ''): unknown {
  if (!isRecord(data)) return data;
  if (isEncryptedEnvelope(data)) return openEnvelopes(open(data, path), open, path);
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (Array.isArray(data)) {
    let changed = false;
    const items = data.map((item, i) => {
      const next = openEnvelopes(item, open, at(i));
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : data;
  }
  let copy: Json | undefined;
  for (const [key, value] of Object.entries(data)) {
    const next = openEnvelopes(value, open, at(key));
    if (next !== value) (copy ??= { ...data })[key] = next;
  }
  return copy ?? data;
}

/** True when `data` holds an envelope-shaped object: only the vault may write those. */
export function containsEnvelope(data: unknown): boolean {
  if (!isRecord(data)) return false;
  if (isEncryptedEnvelope(data)) return true;
  return (Array.isArray(data) ? data : Object.values(data)).some(containsEnvelope);
}
