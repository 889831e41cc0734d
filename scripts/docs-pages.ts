// Where the generated parts of the documentation live, and how `npm run docs` refreshes a page:
// the input and output tables (docs/reference.md, from action.yml), the sample comment (README.md,
// from the renderer's golden file) and the table of contents of every page that has its markers.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_END, EXAMPLE_START, START, END, renderExample, renderReference, replaceReference, type ActionYaml } from './action-reference.js';
import { TOC_END, TOC_START, renderToc } from './docs-toc.js';

/** The page that holds the input and output tables. */
export const REFERENCE_PAGE = 'docs/reference.md';
/** The page that shows the sample comment. */
export const EXAMPLE_PAGE = 'README.md';
/** The renderer's golden comment the sample is taken from. */
export const EXAMPLE_GOLDEN = 'test/golden/mixed-plan.md';

/** README.md and every page under docs/, relative to `root`. */
export function documentationPages(root: string): string[] {
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** `text` of the page `page` with each generated part it carries made afresh. */
export function refreshPage(page: string, text: string, action: ActionYaml, golden: string): string {
  let out = text;
  if (page === REFERENCE_PAGE) out = replaceReference(out, renderReference(action), START, END, page);
  if (page === EXAMPLE_PAGE) out = replaceReference(out, renderExample(golden), EXAMPLE_START, EXAMPLE_END, page);
  if (out.includes(TOC_START)) out = replaceReference(out, renderToc(out), TOC_START, TOC_END, page);
  return out;
}

/** The golden comment's text. */
export function readGolden(root: string): string {
  return readFileSync(path.join(root, EXAMPLE_GOLDEN), 'utf8');
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
