// The one way text that is not ours enters Markdown. Names, namespaces, kinds, values, file paths,
// messages that quote them and server messages come from a pull request's author; every renderer
// puts them into a comment, summary or issue through these functions only, so they are shown as
// data and never act as markup:
// - no mention (`@user`, `@org/team`) notifies, no `#123` or `GH-123` references an issue, no bare
//   URL or `www.` becomes a link: outside code, a zero-width space follows `@`, `#`, `GH-` and `:`
//   of `://` (and `www`), which GitHub's filters do not read through; inside code they are inert;
// - no image, link, emphasis, math, heading or list is made: Markdown's punctuation is escaped;
// - no HTML is live: `<`, `>` and `&` become entities outside code, and `<!--` never appears in
//   the raw body (not even in code, where it is broken by a zero-width space), so no text can open
//   a comment that a marker reader would see;
// - code spans and fences are longer than any backtick run inside, so no text ends them early, and
//   no text ends a table row or a line (pipes escaped in cells, line breaks become `<br>` or spaces).

const ZWSP = '\u200b';

/** What GitHub links or notifies even in escaped text: mentions, issue references, bare URLs. */
function defuse(s: string): string {
  return s
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\bGH-(?=\d)/gi, (m) => `${m}${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\b(www)\./gi, `$1${ZWSP}.`);
}

/** `<!--` as it may appear in code: shown the same, but no longer an HTML comment opener in the raw body. */
function breakComments(s: string): string {
  return s.replace(/<!--/g, `<${ZWSP}!--`);
}

/**
 * Text shown as text, anywhere: a table cell, a list item, a blockquote line, an alert. Markdown
 * punctuation escaped, HTML specials as entities, links and mentions defused, line breaks as `<br>`.
 */
export function escapeText(s: string): string {
  const escaped = s
    .replace(/[\\`*_[\]|~$]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return defuse(escaped).replace(/\r\n|\r|\n/g, '<br>');
}

function codeSpan(s: string): string {
  const body = breakComments(s.replace(/\r\n|\r|\n/g, ' '));
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(body) ? ' ' : '';
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

/** Text as inline code (an object, a file:line) outside a table. */
export function inlineCode(s: string): string {
  return s === '' ? '' : codeSpan(s);
}

/** Text as inline code inside a table cell; text holding a pipe (which no code span can hold exactly there) is escaped instead. */
export function cellCode(s: string): string {
  return s.includes('|') ? escapeText(s) : inlineCode(s);
}

/** Text as `<code>` inside an HTML line such as a `<summary>`, where Markdown is not read. */
export function htmlCode(s: string): string {
  const escaped = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<code>${escaped.replace(/\r\n|\r|\n/g, ' ')}</code>`;
}

/**
 * A message of ours that quotes text that is not (a problem, a warning, a note, a server message):
 * each backtick-quoted part as code, the rest as text. However the quotes pair up, each part is one or the other.
 */
export function escapeMessage(s: string, where: 'text' | 'cell' = 'text'): string {
  const code = where === 'cell' ? cellCode : inlineCode;
  let out = '';
  let last = 0;
  for (const m of s.matchAll(/`([^`\r\n]+)`/g)) {
    out += escapeText(s.slice(last, m.index)) + code(m[1] ?? '');
    last = m.index + m[0].length;
  }
  return out + escapeText(s.slice(last));
}

/** A fenced code block: the fence longer than any backtick run inside (at least 3), `<!--` broken. */
export function codeBlock(content: string, info = ''): string {
  const body = breakComments(content);
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * How `s` reads in a body these functions wrote, where that differs from `s`: escaped as text (at
 * the start of a line and inside one) and inside `<code>`. The redactor matches these too, so a
 * value escaped before the last redaction pass is still found.
 */
export function escapedForms(s: string): string[] {
  const inner = (escape: (t: string) => string): string => escape(`x${s}`).slice(1);
  const html = htmlCode(s).slice('<code>'.length, -'</code>'.length);
  return [...new Set([escapeText(s), inner(escapeText), html, breakComments(s)])].filter((f) => f !== s);
}
