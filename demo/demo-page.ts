// The demo's HTML page: each comment as a person sees it on GitHub. marked renders the
// GitHub-flavoured Markdown (tables, <details>, diff code blocks coloured per line, alerts such as
// `> [!WARNING]` as boxes), then sanitize-html keeps only the tags and attributes GitHub allows in a
// comment: no script, style, event handler, form or image, links only to http(s) and mailto. Text from
// manifests is data, never markup, even if a renderer upstream forgot to escape it. The page is
// self-contained (inline CSS) and its Content-Security-Policy forbids any script and any fetch.
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** One part of the page: a heading, and GitHub Markdown or plain terminal text. */
export interface PageSection {
  title: string;
  /** What the section shows, and where it came from (plain text). */
  caption: string;
  markdown?: string;
  terminal?: string;
}

const ALERTS: Record<string, string> = { NOTE: 'ℹ️ Note', TIP: '💡 Tip', IMPORTANT: '❗ Important', WARNING: '⚠️ Warning', CAUTION: '🛑 Caution' };

/** `text` with the five characters that mean something in HTML written as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A diff block as GitHub colours it: one span per added, removed or hunk line. */
function diffHtml(code: string): string {
  const line = (l: string) => {
    const cls = l.startsWith('@@') ? 'diff-hunk' : l.startsWith('+') ? 'diff-add' : l.startsWith('-') ? 'diff-del' : '';
    return cls ? `<span class="${cls}">${escapeHtml(l)}</span>` : escapeHtml(l);
  };
  return `<pre><code class="language-diff">${code.split('\n').map(line).join('\n')}</code></pre>\n`;
}

const markdown = new Marked({ gfm: true });
markdown.use({
  renderer: {
    code(token: Tokens.Code): string | false {
      return token.lang === 'diff' ? diffHtml(token.text) : false;
    },
    blockquote(token: Tokens.Blockquote): string | false {
      const alert = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/.exec(token.text);
      if (!alert) return false;
      const kind = alert[1]!;
      const body = this.parser.parse(markdown.lexer(token.text.slice(alert[0].length)));
      return `<div class="markdown-alert markdown-alert-${kind.toLowerCase()}"><p class="markdown-alert-title">${ALERTS[kind]!}</p>${body}</div>\n`;
    },
  },
});

/** What GitHub keeps of a comment's HTML (a subset of its allowlist; images are dropped: the page fetches nothing). */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'sub', 'sup'],
    ...['a', 'strong', 'em', 'b', 'i', 'del', 's', 'ul', 'ol', 'li', 'details', 'summary', 'div', 'span'],
    ...['table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ],
  allowedAttributes: { a: ['href', 'title'], details: ['open'], th: ['align'], td: ['align'] },
  allowedClasses: {
    code: ['language-*'],
    span: ['diff-add', 'diff-del', 'diff-hunk'],
    div: ['markdown-alert', 'markdown-alert-*'],
    p: ['markdown-alert-title'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
};

/** GitHub Markdown as the safe HTML GitHub would show. */
export function markdownToSafeHtml(text: string): string {
  return sanitizeHtml(markdown.parse(text, { async: false }), SANITIZE);
}

const STYLE = `
body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;background:#f6f8fa;margin:0;padding:24px}
main{max-width:1012px;margin:0 auto}
header h1{font-size:24px;margin:0 0 4px}
.surface{background:#fff;border:1px solid #d1d9e0;border-radius:6px;margin:24px 0}
.surface>h2{font-size:14px;margin:0;padding:8px 16px;background:#f6f8fa;border-bottom:1px solid #d1d9e0;border-radius:6px 6px 0 0}
.surface>.caption{color:#59636e;font-size:12px;padding:4px 16px 0;margin:0}
.body{padding:8px 16px 16px;overflow-wrap:anywhere}
table{border-collapse:collapse;display:block;overflow:auto;margin:0 0 16px}
th,td{border:1px solid #d1d9e0;padding:6px 13px}tr:nth-child(2n){background:#f6f8fa}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eff1f3;padding:.2em .4em;border-radius:6px}
pre{background:#f6f8fa;padding:16px;overflow:auto;border-radius:6px;line-height:1.45}pre code{background:none;padding:0}
.diff-add{display:inline-block;width:100%;background:#dafbe1;color:#116329}.diff-del{display:inline-block;width:100%;background:#ffebe9;color:#82071e}
.diff-hunk{display:inline-block;width:100%;background:#ddf4ff;color:#59636e}
details{margin:0 0 8px}summary{cursor:pointer}
blockquote{margin:0 0 16px;padding:0 1em;color:#59636e;border-left:.25em solid #d1d9e0}
.markdown-alert{padding:8px 16px;margin:0 0 16px;border-left:.25em solid #9a6700}.markdown-alert-title{font-weight:600;color:#9a6700;margin:0}
.markdown-alert-note,.markdown-alert-tip{border-color:#0969da}.markdown-alert-caution,.markdown-alert-important{border-color:#cf222e}
.terminal{background:#1f2328;color:#e6edf3;margin:0}
`;

/** The section's body: the Markdown rendered and sanitised, or the terminal text escaped in a <pre>. */
function sectionBody(section: PageSection): string {
  if (section.markdown !== undefined) return markdownToSafeHtml(section.markdown);
  return `<pre class="terminal">${escapeHtml(section.terminal ?? '')}</pre>`;
}

/** The whole page: a title, then one framed section per surface. */
export function renderPage(title: string, sections: readonly PageSection[]): string {
  const parts = sections.map(
    (s) =>
      `<section class="surface"><h2>${escapeHtml(s.title)}</h2><p class="caption">${escapeHtml(s.caption)}</p><div class="body">${sectionBody(s)}</div></section>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`,
    `<body><main><header><h1>${escapeHtml(title)}</h1></header>`,
    ...parts,
    '</main></body></html>',
    '',
  ].join('\n');
}
