// The documentation pages (README.md, docs/, examples/README.md) hold together: tables of contents
// are fresh and present on long pages, every relative link and anchor resolves, the Action is
// referred to by one pin, the Node.js versions named are package.json's, the README carries the
// titles that error messages send readers to, and the LICENSE is the one package.json names.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readActionYaml } from '../../../scripts/action-reference.js';
import { actionPin, documentationPages } from '../../../scripts/docs-pages.js';
import { LONG_PAGE_LINES, TOC_END, TOC_START, headings, renderToc } from '../../../scripts/docs-toc.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const pages = [...documentationPages(root), 'examples/README.md'];

/** Every file under `dir` (relative to the root), hidden directories included. */
function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

/** The Markdown links of `markdown` outside code fences and code spans: their targets. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

const packageJson = JSON.parse(read('package.json')) as { license: string; engines: { node: string }; devDependencies: Record<string, string> };

describe('the documentation pages', () => {
  it('carry a fresh table of contents wherever they have its markers', () => {
    for (const page of pages) {
      const text = read(page);
      if (!text.includes(TOC_START)) continue;
      const block = text.slice(text.indexOf(TOC_START), text.indexOf(TOC_END) + TOC_END.length);
      assert.equal(block, renderToc(text), `${page}: run \`npm run docs\``);
      assert.ok(block.split('\n').length > 3, `${page}: the table lists headings`);
    }
  });

  it(`have a table of contents when longer than ${LONG_PAGE_LINES} lines (the README excepted: it is the front page)`, () => {
    const long = pages.filter((p) => p !== 'README.md' && read(p).split('\n').length > LONG_PAGE_LINES);
    assert.ok(long.length >= 3, `long pages: ${long.join(', ')}`);
    for (const page of long) assert.ok(read(page).includes(TOC_START), `${page} has a table of contents`);
  });

  it('link only to files that exist and to anchors their headings make', () => {
    let checked = 0;
    for (const page of pages) {
      for (const target of linkTargets(read(page))) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file = '', anchor] = target.split('#');
        const resolved = file === '' ? page : path.join(path.dirname(page), file);
        assert.ok(existsSync(path.join(root, resolved)), `${page}: ${target} does not exist`);
        if (anchor !== undefined) {
          assert.ok(resolved.endsWith('.md') && statSync(path.join(root, resolved)).isFile(), `${page}: ${target} is an anchor into a page`);
          const anchors = headings(read(resolved)).map((h) => h.anchor);
          assert.ok(anchors.includes(anchor), `${page}: ${target}: ${resolved} has no heading with the anchor '${anchor}'`);
        }
        checked++;
      }
    }
    assert.ok(checked >= 60, `checked ${checked} links`);
  });

  it("refer to the Action by one pin, package.json's major version, in every page, example and workflow", () => {
    const pin = actionPin(root);
    const [, major] = pin.split('@');
    const files = [...pages, 'action.yml', ...filesUnder('examples'), ...filesUnder('test').filter((f) => /\.(ts|ya?ml|md)$/.test(f) && !f.includes('golden'))];
    let found = 0;
    for (const file of files) {
      const text = read(file);
      for (const m of text.matchAll(/([\w.-]+\/kube-gitops)@(v\d[\w.-]*)/g)) {
        assert.equal(m[0], pin, `${file}: ${m[0]}`);
        found++;
      }
      for (const m of text.matchAll(/raw\.githubusercontent\.com\/kube-gitops\/kube-gitops\/([\w.-]+)\//g)) assert.equal(m[1], major, `${file}: ${m[0]}`);
    }
    assert.ok(found >= 15, `found ${found} references`);
  });

  it("name only package.json's Node.js versions: engines for the command line, the node devDependency's major for development", () => {
    const engines = /^>=\s*(\d+\.\d+)/.exec(packageJson.engines.node)?.[1];
    const development = /^(\d+)\./.exec(packageJson.devDependencies.node ?? '')?.[1];
    assert.ok(engines && development);
    let named = 0;
    for (const page of pages) {
      for (const m of read(page).matchAll(/Node(?:\.js)? *(?:≥|>=)? *(\d+(?:\.\d+)*)/g)) {
        assert.ok([engines, development].includes(m[1]!), `${page}: '${m[0]}' is neither ${engines} (engines) nor ${development} (the node devDependency)`);
        named++;
      }
    }
    assert.ok(named >= 3, `named ${named} times`);
    const using = (readActionYaml(path.join(root, 'action.yml')) as unknown as { runs: { using: string } }).runs.using;
    assert.equal(using, `node${development}`, "the Action's runtime is the development Node's major");
    assert.match(read('README.md'), new RegExp(`\`${using}\` runtime`));
  });

  it('carry, in the README, the titles that messages and action.yml send readers to', () => {
    const sources = [...filesUnder('src').filter((f) => f.endsWith('.ts')), 'action.yml'];
    const titles = new Set<string>();
    for (const file of sources) {
      const text = read(file).replace(/\\"/g, '"');
      for (const m of text.matchAll(/README, "([^"]+)"|"([^"]+)" in the README/g)) titles.add(m[1] ?? m[2]!);
    }
    assert.ok(titles.size >= 3, `titles: ${[...titles].join(', ')}`);
    const readme = read('README.md');
    for (const title of titles) assert.ok(readme.includes(`[${title}](docs/`), `the README links '${title}' to its page`);
  });

  it('come with the license package.json names', () => {
    assert.equal(packageJson.license, 'Apache-2.0');
    const license = read('LICENSE');
    assert.match(license, /^ {33}Apache License\n {27}Version 2\.0, January 2004\n/);
    assert.match(license, /END OF TERMS AND CONDITIONS/);
    assert.match(read('README.md'), /\[Apache License 2\.0\]\(LICENSE\)/);
  });
});
