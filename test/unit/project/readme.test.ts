// The README and the reference are generated where they can be, and their examples use only what
// action.yml declares (scripts/docs-pages.ts says which page holds what).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { END, EXAMPLE_END, EXAMPLE_START, START, readActionYaml, renderExample, renderReference } from '../../../scripts/action-reference.js';
import { EXAMPLE_COMMENT, EXAMPLE_PAGE, REFERENCE_PAGE, documentationPages } from '../../../scripts/docs-pages.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const action = readActionYaml(path.join(root, 'action.yml'));

/** The part of `text` between `start` and `end`, the markers included. */
function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end) + end.length;
  assert.ok(from >= 0 && to > from, 'the markers are present');
  return text.slice(from, to);
}

/** Every step of a `yaml` block that uses the Action, with the keys of its `with:` (indented by 4 more than the step). */
function actionSteps(markdown: string): string[][] {
  const steps: string[][] = [];
  for (const block of [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!)) {
    const lines = block.split('\n');
    lines.forEach((line, i) => {
      const uses = /^(\s*)- uses: kube-gitops\/kube-gitops/.exec(line);
      if (!uses) return;
      const stepIndent = uses[1]!.length;
      const keys: string[] = [];
      for (const next of lines.slice(i + 1)) {
        const indent = next.length - next.trimStart().length;
        if (next.trim() === '' || indent <= stepIndent) break;
        const key = /^\s+([a-z-]+):/.exec(next)?.[1];
        if (key && key !== 'with' && indent === stepIndent + 4) keys.push(key);
      }
      steps.push(keys);
    });
  }
  return steps;
}

describe('the README and the reference', () => {
  it(`has the input and output tables in ${REFERENCE_PAGE} exactly as action.yml declares them`, () => {
    assert.equal(between(read(REFERENCE_PAGE), START, END), renderReference(action), 'run `npm run docs` after changing action.yml');
  });

  it("shows the demo's real plan comment in the README", () => {
    assert.equal(
      between(read(EXAMPLE_PAGE), EXAMPLE_START, EXAMPLE_END),
      renderExample(read(EXAMPLE_COMMENT)),
      'run `npm run docs` after the demo changes its comment',
    );
  });

  it('uses only inputs that action.yml declares in the example workflows of every page', () => {
    let checked = 0;
    for (const page of documentationPages(root)) {
      for (const keys of actionSteps(read(page))) {
        for (const key of keys) assert.ok(key in action.inputs, `${page} uses input '${key}', which action.yml does not declare`);
        checked += keys.length;
      }
    }
    assert.ok(checked >= 20, `checked ${checked} inputs in the documentation's examples`);
  });

  it('gives the quick start the permissions, the concurrency and the two identities it needs', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## What a pull request comment looks like'));
    assert.match(quickStart, /pull-requests: write/);
    assert.match(quickStart, /contents: read/);
    assert.match(quickStart, /cancel-in-progress: false/);
    assert.match(quickStart, /kubeconfig: \$\{\{ secrets\.KUBECONFIG_PLAN \}\}/, 'pull requests plan with the dry-run-only identity');
    assert.match(quickStart, /environment: production/, 'the write identity lives in an environment');
    assert.doesNotMatch(quickStart, /--duration=8760h/, 'no one-year token');
  });

  it('says up front that the runner must reach the API server', () => {
    const front = readme.slice(0, readme.indexOf('## Quick start'));
    assert.match(front, /runner must reach the API server/);
    assert.match(front, /self-hosted runner/);
  });
});
