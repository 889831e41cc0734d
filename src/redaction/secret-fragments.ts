// The pieces of one Secret value that must each stay hidden: the value itself and every string
// inside it that could be copied elsewhere on its own. A config file's `password: X` line, a
// docker config's decoded `auth`, a URL's password or one line of a PEM key is as secret as the
// whole value, so each is found here and registered with the redactor beside it: the strings of
// a JSON or YAML document, each line, and the values of the credential formats credential-fields.ts reads.
import { load } from 'js-yaml';
import { isJsonObject } from '../objects/kube-object.js';
import { credentialFields, decodedPair } from './credential-fields.js';

/** Values shorter than this are hidden only inside Secrets: matching them elsewhere hides ordinary words. */
export const MIN_SECRET_LENGTH = 5;
/** How deep documents inside documents are opened (a YAML file holding JSON holding a URL is three). */
const MAX_DEPTH = 4;
/** Larger values are matched whole and by line only: a Secret holds at most 1 MiB. */
const MAX_PARSED_LENGTH = 256 * 1024;
/** At most this many pieces from one value; the whole value and its lines are always kept. */
const MAX_FRAGMENTS = 2000;

const PEM_ARMOR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;

/** Every piece of `value` worth hiding on its own, the value first; pieces may be shorter than MIN_SECRET_LENGTH. */
export function secretFragments(value: string): string[] {
  const out = new Set<string>();
  collect(value, out, 0);
  return [...out];
}

function collect(value: string, out: Set<string>, depth: number): void {
  const v = value.trim();
  if (v === '' || out.has(v) || out.size >= MAX_FRAGMENTS) return;
  out.add(value).add(v);
  if (depth >= MAX_DEPTH) return;
  const inner = v.length > MAX_PARSED_LENGTH ? valueLines(v) : [...documentStrings(v), ...valueLines(v), ...credentialFields(v)];
  for (const piece of inner) collect(piece, out, depth + 1);
}

/** Each trimmed line of a multi-line value (PEM armour lines are public and left out); none for one line. */
export function valueLines(v: string): string[] {
  return v.includes('\n')
    ? v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => !PEM_ARMOR.test(l))
    : [];
}

/** The scalar strings of a JSON or YAML document (a docker config's `auth` decoded too); none for plain text. */
function documentStrings(v: string): string[] {
  const doc = parseDocument(v);
  if (typeof doc !== 'object' || doc === null) return [];
  const out: string[] = [];
  walk(doc, undefined, out, new Set());
  return out;
}

function parseDocument(v: string): unknown {
  if (/^[[{]/.test(v)) return parsed(() => JSON.parse(v)) ?? parsed(() => load(v, { json: true }));
  return /:\s|^-\s/m.test(v) ? parsed(() => load(v, { json: true })) : undefined;
}

function parsed(parse: () => unknown): unknown {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/** Visits each node once: YAML aliases share nodes, so an alias bomb costs no more than its text. */
function walk(node: unknown, key: string | undefined, out: string[], seen: Set<object>): void {
  if (typeof node === 'string') {
    out.push(node, ...(key === 'auth' ? decodedPair(node) : []));
  } else if (typeof node === 'number' || typeof node === 'bigint') {
    out.push(String(node));
  } else if (typeof node === 'object' && node !== null && !seen.has(node)) {
    seen.add(node);
    if (Array.isArray(node)) for (const item of node) walk(item, undefined, out, seen);
    else if (isJsonObject(node)) for (const [k, item] of Object.entries(node)) walk(item, k, out, seen);
  }
}
