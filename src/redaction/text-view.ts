// Text as the secret matcher reads it. Line breaks (real or JSON-escaped) are dropped with the
// indentation and diff marker after them, so base64 wrapped at any column, indented in YAML or
// split over the lines of a diff still reads as one run; the URL-safe alphabet reads as the standard
// one. `at` maps each position of the view back to the text, so a match is replaced in the text.

export interface TextView {
  view: string;
  /** Text offset of each view position; undefined when they are the same. */
  at?: Int32Array;
}

/** A line break, then the indentation and one diff or quote marker (`+`, `-`, `>` before a blank) of the next line. */
const BREAK = /(?:\r?\n|\\r\\n|\\n)[ \t]*(?:[-+>](?=[ \t])[ \t]*)?/g;
const URL_SAFE = /[-_]/g;

function standardAlphabet(s: string): string {
  return s.replace(URL_SAFE, (c) => (c === '-' ? '+' : '/'));
}

export function textView(text: string): TextView {
  if (!text.includes('\n') && !text.includes('\\')) return { view: standardAlphabet(text) };
  const at = new Int32Array(text.length);
  const parts: string[] = [];
  let n = 0;
  let last = 0;
  const keep = (end: number) => {
    for (let i = last; i < end; i++) at[n++] = i;
    parts.push(text.slice(last, end));
  };
  for (const m of text.matchAll(BREAK)) {
    keep(m.index);
    last = m.index + m[0].length;
  }
  keep(text.length);
  return { view: standardAlphabet(parts.join('')), at: at.subarray(0, n) };
}

/** The text range `[start, end)` that view positions `[start, end)` (end > start) come from. */
export function textRange(v: TextView, start: number, end: number): [number, number] {
  if (!v.at) return [start, end];
  return [v.at[start] ?? 0, (v.at[end - 1] ?? 0) + 1];
}
