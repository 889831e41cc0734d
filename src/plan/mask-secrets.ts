// No Secret value, plain or base64, may reach a comment, summary, log line or output.
// Secret data is replaced by markers that still say what changed (so values of any length are
// hidden inside Secrets); any Secret value copied elsewhere (annotations, environment values,
// other kinds, map keys, names) is replaced by the redactor the values are registered with.
import { isJsonObject, type KubeObject } from '../objects/kube-object.js';
import { secretFragments } from '../redaction/secret-fragments.js';

export function isSecret(obj: KubeObject | undefined): boolean {
  return obj !== undefined && obj.kind === 'Secret' && obj.apiVersion === 'v1';
}

/**
 * Every value of a Secret to hide elsewhere: each key's value (decoded) with the strings inside it
 * (secret-fragments.ts), and `data` as stored. Binary data that is not UTF-8 is hidden as stored.
 */
export function secretValues(obj: KubeObject): string[] {
  const out: string[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const map = obj[field];
    if (!isJsonObject(map)) continue;
    for (const v of Object.values(map)) {
      if (typeof v !== 'string' || v === '') continue;
      const plain = field === 'data' ? decodedText(v) : v;
      out.push(...(field === 'data' ? [v] : []), ...(plain === undefined ? [] : secretFragments(plain)));
    }
  }
  return out;
}

/** The UTF-8 text a base64 value holds, or undefined when it holds other bytes. */
function decodedText(base64: string): string | undefined {
  const bytes = Buffer.from(base64, 'base64');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

/** Both sides of a Secret with every value replaced by a marker saying whether that key changed. */
export function maskSecretPair(before: KubeObject | undefined, after: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  const b = before ? decoded(before) : undefined;
  const a = after ? decoded(after) : undefined;
  const mark = (self: Map<string, string> | undefined, other: Map<string, string> | undefined, side: 'before' | 'after') => {
    const out: Record<string, string> = {};
    for (const [k, v] of self ?? []) {
      const o = other?.get(k);
      out[k] =
        o === undefined
          ? `(value hidden, ${side === 'after' ? 'added' : 'removed'})`
          : o === v
            ? '(value hidden, unchanged)'
            : `(value hidden, ${side === 'after' ? 'changed' : 'before change'})`;
    }
    return out;
  };
  return [before && b ? withData(before, mark(b, a, 'before')) : undefined, after && a ? withData(after, mark(a, b, 'after')) : undefined];
}

function decoded(obj: KubeObject): Map<string, string> {
  const out = new Map<string, string>();
  if (isJsonObject(obj.data)) for (const [k, v] of Object.entries(obj.data)) if (typeof v === 'string') out.set(k, Buffer.from(v, 'base64').toString('utf8'));
  if (isJsonObject(obj.stringData)) for (const [k, v] of Object.entries(obj.stringData)) if (typeof v === 'string') out.set(k, v);
  return out;
}

function withData(obj: KubeObject, data: Record<string, string>): KubeObject {
  const { stringData: _s, data: _d, ...rest } = obj;
  return Object.keys(data).length === 0 ? rest : { ...rest, data };
}
