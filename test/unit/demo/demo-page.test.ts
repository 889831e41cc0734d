// The demo's page shows a comment as GitHub does (tables, <details>, alerts, coloured diffs) and lets
// nothing in it run or fetch: markup from manifests stays text, whatever a renderer upstream did.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { markdownToSafeHtml, renderPage } from '../../../demo/demo-page.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const golden = readFileSync(path.join(root, 'test/golden/mixed-plan.md'), 'utf8');

/** Markup a hostile manifest could carry into a comment if a renderer forgot to escape it. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src="http://attacker.example/x.png" onerror="alert(2)">',
  '[click](javascript:alert(3))',
  '<a href="javascript:alert(4)">x</a>',
  '<details open ontoggle="alert(5)"><summary onclick="alert(6)">s</summary>',
  '<style>body{background:url(http://attacker.example/)}</style>',
  '<iframe src="http://attacker.example/"></iframe>',
  '<link rel="stylesheet" href="http://attacker.example/a.css">',
  '![pixel](http://attacker.example/p.png)',
  '<svg onload="alert(7)"></svg>',
  '| a |\n| --- |\n| <b onmouseover="alert(8)">x</b> |',
  '</details>',
].join('\n\n');

describe("the demo's page", () => {
  it('renders tables, collapsible details, alerts and diff blocks as GitHub shows them', () => {
    const html = markdownToSafeHtml(golden);
    assert.match(html, /<table>\s*<thead>\s*<tr>\s*<th>action<\/th>/);
    assert.match(html, /<details open><summary>🗑️ delete <code>ConfigMap\/shop\/legacy-settings<\/code><\/summary>/);
    assert.match(html, /<details><summary>✨ create <code>Service\/shop\/web<\/code><\/summary>/);
    assert.match(
      html,
      /<div class="markdown-alert markdown-alert-warning"><p class="markdown-alert-title">⚠️ Warning<\/p><ul>\s*<li>Deployment\/shop\/web: fields owned/,
    );
    assert.doesNotMatch(html, /\[!WARNING\]/, 'the alert marker is not shown as text');
    assert.match(html, /<code class="language-diff"><span class="diff-hunk">@@ -1,7 \+1,0 @@<\/span>\n<span class="diff-del">-apiVersion: v1<\/span>/);
    assert.match(html, /<span class="diff-add">\+        - image: migrate:2<\/span>/);
  });

  it('keeps every other blockquote a blockquote', () => {
    assert.equal(markdownToSafeHtml('> [!FOO]\n> plain'), '<blockquote>\n<p>[!FOO]\nplain</p>\n</blockquote>\n');
  });

  it('shows markup from a manifest as text: nothing runs, nothing is fetched, no handler survives', () => {
    const html = markdownToSafeHtml(HOSTILE);
    assert.doesNotMatch(html, /<(script|img|style|iframe|link|svg)\b/i);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no event handler attribute');
    assert.doesNotMatch(html, /href="javascript:/i);
    assert.doesNotMatch(html, /src=/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'shown as text, as data');
    assert.match(html, /<details open><summary>s<\/summary>/, 'the allowed tags keep only their allowed attributes');
    assert.match(html, /<td><b>x<\/b><\/td>/);
  });

  it('is one self-contained file whose policy forbids scripts and fetches, with the terminal text escaped', () => {
    const page = renderPage('t <i>', [
      { title: 'comment', caption: 'c', markdown: HOSTILE },
      { title: 'terminal', caption: 'from <the> CLI', terminal: 'update <script>alert(9)</script> & more' },
    ]);
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.equal((page.match(/<script\b/gi) ?? []).length, 0);
    assert.doesNotMatch(page, /<link\b|\ssrc=/i, 'no external resource');
    assert.equal((page.match(/<style>/g) ?? []).length, 1, 'one style element: the inline CSS');
    assert.doesNotMatch(page.slice(page.indexOf('<style>'), page.indexOf('</style>')), /@import|url\(/i, 'the CSS loads nothing');
    assert.match(page, /<pre class="terminal">update &lt;script&gt;alert\(9\)&lt;\/script&gt; &amp; more<\/pre>/);
    assert.match(page, /<title>t &lt;i&gt;<\/title>/);
    assert.match(page, /<p class="caption">from &lt;the&gt; CLI<\/p>/);
  });
});
