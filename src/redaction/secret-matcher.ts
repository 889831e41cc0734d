// Finds every registered secret form in a text in one pass, however many are registered: forms
// are indexed by their first characters, so each position of the text costs a table look-up and
// only positions that start like a form are compared. Built once per form, at registration.
import { textRange, textView } from './text-view.js';

/** Forms shorter than this are not matched (and the index key is this long). */
export const MIN_FORM_LENGTH = 5;

const pairSlot = (a: number, b: number): number => ((a * 31) ^ b) & 0xffff;

/** A character code as the view reads it: URL-safe `-` and `_` as the standard `+` and `/` (text-view.ts). */
const standardCode = (c: number): number => (c === 45 ? 43 : c === 95 ? 47 : c);

export class SecretMatcher {
  /** Forms (as the view reads them) by their first MIN_FORM_LENGTH characters, longest first. */
  private readonly byPrefix = new Map<string, string[]>();
  /** Whether any form starts with a pair of characters hashing to the slot: most positions stop here. */
  private readonly pairs = new Uint8Array(0x10000);

  get isEmpty(): boolean {
    return this.byPrefix.size === 0;
  }

  add(forms: Iterable<string>): void {
    for (const form of forms) {
      const needle = textView(form).view;
      if (needle.length < MIN_FORM_LENGTH) continue;
      const key = needle.slice(0, MIN_FORM_LENGTH);
      const list = this.byPrefix.get(key) ?? [];
      if (list.includes(needle)) continue;
      list.push(needle);
      list.sort((a, b) => b.length - a.length);
      this.byPrefix.set(key, list);
      this.pairs[pairSlot(needle.charCodeAt(0), needle.charCodeAt(1))] = 1;
    }
  }

  /**
   * False only when no registered form can lie in `text`, nor in any part of it: no position starts
   * with a pair of characters a form starts with. A text with a line break or an escape is read as
   * its view (text-view.ts), which joins what the breaks part, so it is never ruled out here.
   * Without a break or escape the view is the text with the URL-safe alphabet read as the standard
   * one, which this reads character by character, so `ranges` would find nothing either.
   */
  mayHold(text: string): boolean {
    if (this.isEmpty || text.length < MIN_FORM_LENGTH) return false;
    if (text.includes('\n') || text.includes('\\')) return true;
    let previous = standardCode(text.charCodeAt(0));
    for (let i = 1; i + MIN_FORM_LENGTH - 1 <= text.length; i++) {
      const code = standardCode(text.charCodeAt(i));
      if (this.pairs[pairSlot(previous, code)] === 1) return true;
      previous = code;
    }
    return false;
  }

  /**
   * The ranges `[start, end)` of `text` that hold a form, merged where they touch or overlap, in order.
   * A match for which `exempt(view, start, form)` is true (positions and form as the view reads them) is left out.
   */
  ranges(text: string, exempt: (view: string, start: number, form: string) => boolean = () => false): Array<[number, number]> {
    if (this.isEmpty || text.length < MIN_FORM_LENGTH) return [];
    const v = textView(text);
    const s = v.view;
    const found: Array<[number, number]> = [];
    for (let i = 0; i + MIN_FORM_LENGTH <= s.length; i++) {
      if (this.pairs[pairSlot(s.charCodeAt(i), s.charCodeAt(i + 1))] === 0) continue;
      const needle = this.byPrefix.get(s.slice(i, i + MIN_FORM_LENGTH))?.find((n) => s.startsWith(n, i));
      if (needle === undefined || exempt(s, i, needle)) continue;
      const last = found.at(-1);
      if (last && i <= last[1]) last[1] = Math.max(last[1], i + needle.length);
      else found.push([i, i + needle.length]);
    }
    return found.map(([start, end]) => textRange(v, start, end));
  }
}
