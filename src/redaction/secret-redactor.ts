// The one redactor: every value that must never reach an output (Secret values, kubeconfig
// credentials, exec plugin output, secretGenerator literals) is registered here, and every
// message, comment, summary, plan file and log line passes through it before it leaves.
//
// The rule: a registered value of MIN_SECRET_LENGTH or more characters, and each of its lines,
// is replaced wherever it appears, whole or inside a longer string, plain, JSON- or HTML-escaped,
// or in base64 (standard or URL-safe, padded or not, wrapped, or inside the base64 of a longer
// string). Shorter values are not matched at all: hiding every `true` or `web` makes a comment
// unreadable; they are hidden only inside the Secrets that hold them (mask-secrets.ts).
// Public text (identities, keys, labels: public-text.ts states the rule) is never hidden: in an
// object by its place, in free text where a match lies inside an occurrence of a registered public text.
import { isJsonObject, type JsonValue } from '../objects/kube-object.js';
import { escapedForms } from '../text/markdown-escape.js';
import { isPublicField } from './public-text.js';
import { MIN_SECRET_LENGTH, valueLines } from './secret-fragments.js';
import { secretForms } from './secret-forms.js';
import { MIN_FORM_LENGTH, SecretMatcher } from './secret-matcher.js';
import { textView } from './text-view.js';

export const HIDDEN = '(value hidden)';

/** Our own markers are never matched again, so redacting twice changes nothing. */
const MARKER = /(\(value hidden[^)]*\))/;

/** Replaces registered secret values (and their lines and base64 forms) wherever they appear. */
export class SecretRedactor {
  private readonly registered = new Set<string>();
  private readonly matcher = new SecretMatcher();
  /** Public texts as the matcher reads them (text-view.ts). */
  private readonly publicViews = new Set<string>();
  /** Public texts as given: a text seen before costs a look-up, not a view of each of its escaped forms. */
  private readonly publicSeen = new Set<string>();
  /** Objects whose public texts are registered (addPublicOf): a stage that registers them again walks nothing. */
  private readonly publicObjects = new WeakSet<object>();
  /** For each matched form, the public texts that hold it (rebuilt when public texts are added). */
  private readonly holders = new Map<string, string[]>();

  /** `onSecret` sees each newly registered single-line value and its base64 once (the Action masks them in the runner's log too). */
  constructor(private readonly onSecret: (value: string) => void = () => {}) {}

  /** Registers each value, its trimmed form and each of its lines; values under MIN_SECRET_LENGTH characters are ignored. */
  add(values: Iterable<string>): void {
    for (const value of values) {
      for (const piece of pieces(value)) {
        if (piece.length < MIN_SECRET_LENGTH || this.registered.has(piece)) continue;
        this.registered.add(piece);
        this.matcher.add(secretForms(piece));
        // A value that is public text (a name, a key) is not masked in the runner's log: it would blind every line naming the object.
        if (!piece.includes('\n') && !this.publicViews.has(textView(piece).view))
          for (const f of [piece, Buffer.from(piece, 'utf8').toString('base64')]) this.onSecret(f);
      }
    }
  }

  /** Registers public texts (public-text.ts), as written and as the renderers escape them: free text keeps a value that lies inside one of them. */
  addPublic(texts: Iterable<string>): void {
    for (const text of texts) {
      if (text.length < MIN_FORM_LENGTH || this.publicSeen.has(text)) continue;
      this.publicSeen.add(text);
      if (this.publicViews.has(textView(text).view)) continue;
      for (const form of [text, ...escapedForms(text)]) this.publicViews.add(textView(form).view);
      this.holders.clear();
    }
  }

  /**
   * Registers the public texts `texts(obj)` gives, once per object: the stages register the same
   * objects as they pass them on. An object must not change after it is registered (none does: the
   * stages make new ones); if one did, its new public texts would be missing, which hides more, never less.
   */
  addPublicOf(obj: object, texts: () => Iterable<string>): void {
    if (this.publicObjects.has(obj)) return;
    this.publicObjects.add(obj);
    this.addPublic(texts());
  }

  /** Free text: every registered value hidden, except where it lies inside an occurrence of a public text. */
  redactString(s: string): string {
    return this.replaceOutsideMarkers(s, this.insidePublic);
  }

  /**
   * An object (or any JSON value) by place: map keys and strings in public places (public-text.ts)
   * as written, every other string with each registered value hidden, public elsewhere or not.
   * Subtrees that hold nothing to hide are returned as they are, not copied: a plan of 10,000
   * objects without a Secret value in them costs a walk, not a second tree. Treat the result as read-only.
   */
  redact<T extends JsonValue>(value: T): T {
    return this.matcher.isEmpty ? value : this.redactAt(value, undefined, undefined);
  }

  /** `value` found under `key` of a map found under `parentKey`. */
  private redactAt<T extends JsonValue>(value: T, key: string | undefined, parentKey: string | undefined): T {
    if (typeof value === 'string') return (isPublicField(key, parentKey) ? value : this.replaceOutsideMarkers(value, NOTHING_EXEMPT)) as T;
    if (Array.isArray(value)) {
      const items = value.map((v) => this.redactAt(v, undefined, key));
      return (items.every((v, i) => v === value[i]) ? value : items) as T;
    }
    if (isJsonObject(value)) {
      const out: Record<string, JsonValue> = {};
      let changed = false;
      for (const [k, v] of Object.entries(value)) {
        const shown = this.redactAt(v, k, key);
        changed ||= shown !== v;
        setOwn(out, k, shown);
      }
      return (changed ? out : value) as T;
    }
    return value;
  }

  private replaceOutsideMarkers(s: string, exempt: Exemption): string {
    if (s.length < MIN_SECRET_LENGTH || !this.matcher.mayHold(s)) return s;
    return s
      .split(MARKER)
      .map((part, i) => (i % 2 === 1 ? part : this.replaceIn(part, exempt)))
      .join('');
  }

  /** Is the form matched at `start` of the view inside an occurrence of a public text there? */
  private readonly insidePublic: Exemption = (view, start, form) => {
    for (const holder of this.holdersOf(form)) {
      for (let at = holder.indexOf(form); at >= 0; at = holder.indexOf(form, at + 1)) if (start >= at && view.startsWith(holder, start - at)) return true;
    }
    return false;
  };

  private holdersOf(form: string): string[] {
    let list = this.holders.get(form);
    if (!list) {
      list = [...this.publicViews].filter((p) => p.includes(form));
      this.holders.set(form, list);
    }
    return list;
  }

  private replaceIn(text: string, exempt: Exemption): string {
    const ranges = this.matcher.ranges(text, exempt);
    if (ranges.length === 0) return text;
    let out = '';
    let last = 0;
    for (const [start, end] of ranges) {
      out += `${text.slice(last, start)}${HIDDEN}`;
      last = end;
    }
    return out + text.slice(last);
  }
}

type Exemption = (view: string, start: number, form: string) => boolean;
const NOTHING_EXEMPT: Exemption = () => false;

/** The value, trimmed, and each of its lines. */
function pieces(value: string): string[] {
  return [value, value.trim(), ...valueLines(value)];
}

/** Sets a key as an own property, `__proto__` included. */
function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
