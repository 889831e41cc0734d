// The one redactor: every value that must never reach an output (Secret values, kubeconfig
// credentials, exec plugin output, secretGenerator literals) is registered here, and every
// message, comment, summary, plan file and log line passes through it before it leaves.
import { isJsonObject, type JsonValue } from '../objects/kube-object.js';

export const HIDDEN = '(value hidden)';
const MIN_SUBSTRING = 6;

/** Replaces secret values in strings: exact matches always, substrings when long enough to be specific. */
export class SecretRedactor {
  private readonly exact = new Set<string>();
  private readonly substrings: string[] = [];

  /** `onSecret` sees each newly registered value once (the Action masks it in the runner's log too). */
  constructor(private readonly onSecret: (value: string) => void = () => {}) {}

  add(values: Iterable<string>): void {
    for (const v of values) {
      if (v === '' || this.exact.has(v)) continue;
      this.exact.add(v);
      this.onSecret(v);
      if (v.length >= MIN_SUBSTRING) this.substrings.push(v);
    }
    this.substrings.sort((a, b) => b.length - a.length);
  }

  redactString(s: string): string {
    if (this.exact.has(s)) return HIDDEN;
    let out = s;
    for (const v of this.substrings) if (out.includes(v)) out = out.split(v).join(HIDDEN);
    return out;
  }

  redact<T extends JsonValue>(value: T): T {
    if (typeof value === 'string') return this.redactString(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redact(v)) as T;
    if (isJsonObject(value)) {
      const out: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.redact(v);
      return out as T;
    }
    return value;
  }
}

