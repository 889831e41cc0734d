// The values a chart was given (inline values and values files), as strings to keep out of helm's
// error messages: a template's `fail` or a type error can quote a value, and values files often hold
// passwords. Only a failure's message is redacted with them; rendered objects go through the run's
// redactor like any other manifest.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import type { JsonValue } from '../objects/kube-object.js';

/** Strings shorter than this are left alone (`true`, `web`, a replica count). */
const MIN_LENGTH = 5;

export function chartValueStrings(values: JsonValue, valuesFiles: readonly string[]): string[] {
  const out = new Set<string>();
  collect(values, out);
  for (const file of valuesFiles) {
    try {
      collect(load(readFileSync(file, 'utf8')) as JsonValue, out);
    } catch {
      // helm reports an unreadable values file itself; there is nothing of it to redact.
    }
  }
  return [...out];
}

/**
 * Every string of 5 characters or more, each collection visited once: YAML aliases share one object,
 * so a "billion laughs" file or a recursive alias costs what is written, never its expansion.
 */
function collect(root: JsonValue | undefined, out: Set<string>): void {
  const seen = new Set<object>();
  const stack: (JsonValue | undefined)[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length >= MIN_LENGTH) out.add(value);
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push(child);
    }
  }
}
