// Where the generated parts of the documentation live, and how `npm run docs` refreshes a page:
// the input and output tables (docs/reference.md, from action.yml), the sample comment (README.md,
// from the demo's real plan comment, demo/demo-comment.md) and the table of contents of every page that has its markers.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_END, EXAMPLE_START, START, END, renderExample, renderReference, replaceReference, type ActionYaml } from './action-reference.js';
import { TOC_END, TOC_START, renderToc } from './docs-toc.js';
import { DEMO_COMMENT_FILE } from '../demo/demo-comment.js';

/** The page that holds the input and output tables. */
export const REFERENCE_PAGE = 'docs/reference.md';
/** The page that shows the sample comment. */
export const EXAMPLE_PAGE = 'README.md';
/** The demo's plan comment the sample is taken from (`npm run demo` refreshes it). */
export const EXAMPLE_COMMENT = DEMO_COMMENT_FILE;

/** README.md and every page under docs/, relative to `root`. */
export function documentationPages(root: string): string[] {
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** `text` of the page `page` with each generated part it carries made afresh. */
export function refreshPage(page: string, text: string, action: ActionYaml, comment: string): string {
  let out = text;
  if (page === REFERENCE_PAGE) out = replaceReference(out, renderReference(action), START, END, page);
  if (page === EXAMPLE_PAGE) out = replaceReference(out, renderExample(comment), EXAMPLE_START, EXAMPLE_END, page);
  if (out.includes(TOC_START)) out = replaceReference(out, renderToc(out), TOC_START, TOC_END, page);
  return out;
}

/** The sample comment's text. */
export function readExampleComment(root: string): string {
  return readFileSync(path.join(root, EXAMPLE_COMMENT), 'utf8');
}

/**
 * The one way the documentation and the examples refer to the Action: `kube-gitops/kube-gitops@vN`,
 * N the major version of package.json, the moving tag a release of that version updates.
 */
export function actionPin(root: string): string {
  const pkg: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : '';
  const major = /^(\d+)\./.exec(version)?.[1];
  if (major === undefined) throw new Error(`package.json has no semantic version: '${version}'`);
  return `kube-gitops/kube-gitops@v${major}`;
}
