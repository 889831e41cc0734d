/**
 * Text safe inside a GFM table cell, a blockquote line or an HTML summary: backslashes first (so a
 * `\|` in the text cannot end the cell), then HTML specials, pipes and line breaks.
 */
export function escapeCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Text as inline code (an object, a file:line): backticks become quotes and line breaks spaces, so the span cannot end early. */
export function inlineCode(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

/** A fence longer than any backtick run inside the content (at least 3). */
export function fence(content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
