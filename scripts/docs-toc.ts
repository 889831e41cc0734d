// The table of contents of a long documentation page, generated from its `##` and `###` headings
// between two markers (kept in sync by `npm run docs`, checked by test/unit/project/docs-pages.test.ts).
// Anchors are GitHub's: the heading's text, lower-cased, punctuation dropped, spaces made hyphens,
// and a repeated anchor numbered (-1, -2…).

export const TOC_START = '<!-- start toc (generated from the headings by `npm run docs`) -->';
export const TOC_END = '<!-- end toc -->';

/** A page longer than this many lines carries a table of contents. */
export const LONG_PAGE_LINES = 80;

export interface Heading {
  level: number;
  text: string;
  anchor: string;
}

/** The text GitHub shows for a heading: links and code reduced to their text. */
function plainText(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
}

/** GitHub's anchor for a heading's text (before numbering repeats). */
export function slug(text: string): string {
  return plainText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every heading outside code fences, with its anchor as GitHub numbers repeats. */
export function headings(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  const found: Heading[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (opening && (fence === undefined || opening.startsWith(fence))) fence = fence === undefined ? opening : undefined;
    const match = fence === undefined ? /^(#{1,6}) +(.+?) *#*$/.exec(line) : null;
    if (!match) continue;
    const base = slug(match[2]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.push({ level: match[1]!.length, text: plainText(match[2]!), anchor: count === 0 ? base : `${base}-${count}` });
  }
  return found;
}

/** The marked table of contents: one line per `##` heading, `###` headings indented under it. */
export function renderToc(markdown: string): string {
  const entries = headings(markdown)
    .filter((h) => h.level === 2 || h.level === 3)
    .map((h) => `${h.level === 3 ? '  ' : ''}- [${h.text}](#${h.anchor})`);
  return [TOC_START, ...entries, TOC_END].join('\n');
}
