// The one redactor: every value that must never reach an output (Secret values, kubeconfig
// credentials, exec plugin output, secretGenerator literals) is registered here, and every
// message, comment, summary, plan file and log line passes through it before it leaves.
//
// The rule: a registered value of MIN_SECRET_LENGTH or more characters, and each of its lines,
// is replaced wherever it appears, whole or inside a longer string, plain, JSON- or HTML-escaped,
// or in base64 (standard or URL-safe, padded or not, wrapped, or inside the base64 of a longer
// string). Shorter values are not matched at all: hiding every `true` or `web` makes a comment
// unreadable; they are hidden only inside the Secrets that hold them (mask-secrets.ts).
import { isJsonObject, type JsonValue } from '../objects/kube-object.js';
import { MIN_SECRET_LENGTH, valueLines } from './secret-fragments.js';
import { secretForms } from './secret-forms.js';
import { SecretMatcher } from './secret-matcher.js';

export const HIDDEN = '(value hidden)';
/** What the table, the `<summary>` lines and reports show for a name that would reveal a value. */
export const NAME_HIDDEN = '(name hidden)';

/** Our own markers are never matched again, so redacting twice changes nothing. */
const MARKER = /(\((?:value|name) hidden[^)]*\))/;

/** Replaces registered secret values (and their lines and base64 forms) wherever they appear. */
export class SecretRedactor {
  private readonly registered = new Set<string>();
  private readonly matcher = new SecretMatcher();

  /** `onSecret` sees each newly registered single-line value and its base64 once (the Action masks them in the runner's log too). */
  constructor(private readonly onSecret: (value: string) => void = () => {}) {}

  /** Registers each value, its trimmed form and each of its lines; values under MIN_SECRET_LENGTH characters are ignored. */
  add(values: Iterable<string>): void {
    for (const value of values) {
      for (const piece of pieces(value)) {
        if (piece.length < MIN_SECRET_LENGTH || this.registered.has(piece)) continue;
        this.registered.add(piece);
        this.matcher.add(secretForms(piece));
        if (!piece.includes('\n')) for (const f of [piece, Buffer.from(piece, 'utf8').toString('base64')]) this.onSecret(f);
      }
    }
  }

  redactString(s: string): string {
    if (this.matcher.isEmpty || s.length < MIN_SECRET_LENGTH) return s;
    return s
      .split(MARKER)
      .map((part, i) => (i % 2 === 1 ? part : this.replaceIn(part)))
      .join('');
  }

  /**
   * The value with every string redacted, map keys included (two keys hidden alike stay apart).
   * Subtrees that hold nothing to hide are returned as they are, not copied: a plan of 10,000
   * objects without a Secret value in them costs a walk, not a second tree. Treat the result as read-only.
   */
  redact<T extends JsonValue>(value: T): T {
    if (this.matcher.isEmpty) return value;
    if (typeof value === 'string') return this.redactString(value) as T;
    if (Array.isArray(value)) {
      const items = value.map((v) => this.redact(v));
      return (items.every((v, i) => v === value[i]) ? value : items) as T;
    }
    if (isJsonObject(value)) {
      const out: Record<string, JsonValue> = {};
      let changed = false;
      for (const [k, v] of Object.entries(value)) {
        const key = this.uniqueKey(k, out);
        const shown = this.redact(v);
        changed ||= key !== k || shown !== v;
        setOwn(out, key, shown);
      }
      return (changed ? out : value) as T;
    }
    return value;
  }

  private replaceIn(text: string): string {
    const ranges = this.matcher.ranges(text);
    if (ranges.length === 0) return text;
    let out = '';
    let last = 0;
    for (const [start, end] of ranges) {
      out += `${text.slice(last, start)}${HIDDEN}`;
      last = end;
    }
    return out + text.slice(last);
  }

  private uniqueKey(key: string, taken: Record<string, JsonValue>): string {
    const redacted = this.redactString(key);
    if (redacted === key) return key;
    let candidate = redacted;
    for (let n = 2; Object.hasOwn(taken, candidate); n++) candidate = `${redacted} ${n}`;
    return candidate;
  }
}

/** The value, trimmed, and each of its lines. */
function pieces(value: string): string[] {
  return [value, value.trim(), ...valueLines(value)];
}

/** Sets a key as an own property, `__proto__` included. */
function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
