// A short, stable digest of JSON: sha256 of its canonical form (keys sorted), so the same object
// read twice, in any key order, digests alike.
import { createHash } from 'node:crypto';
import type { JsonValue } from './kube-object.js';

export function jsonDigest(value: JsonValue, hexLength = 16): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, hexLength);
}

function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
