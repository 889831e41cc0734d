import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { END, EXAMPLE_END, EXAMPLE_START, START, readActionYaml, renderExample, renderReference } from '../../scripts/action-reference.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const action = readActionYaml(path.join(root, 'action.yml'));

describe('the README', () => {
  it('has the input and output tables exactly as action.yml declares them', () => {
    const start = readme.indexOf(START);
    const end = readme.indexOf(END) + END.length;
    assert.ok(start >= 0 && end > start, 'the reference markers are present');
    assert.equal(readme.slice(start, end), renderReference(action), 'run `npm run docs` after changing action.yml');
  });

  it("shows the real plan comment of the renderer's golden test", () => {
    const start = readme.indexOf(EXAMPLE_START);
    const end = readme.indexOf(EXAMPLE_END) + EXAMPLE_END.length;
    assert.ok(start >= 0 && end > start, 'the example markers are present');
    assert.equal(
      readme.slice(start, end),
      renderExample(readFileSync(path.join(root, 'test/golden/mixed-plan.md'), 'utf8')),
      'run `npm run docs` after the golden file changes',
    );
  });

  it('uses only inputs that action.yml declares in its example workflows', () => {
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    let checked = 0;
    for (const block of blocks) {
      const lines = block.split('\n');
      lines.forEach((line, i) => {
        const uses = /^(\s*)- uses: kube-gitops\/kube-gitops/.exec(line);
        if (!uses) return;
        const stepIndent = uses[1]!.length;
        for (const next of lines.slice(i + 1)) {
          const indent = next.length - next.trimStart().length;
          if (next.trim() === '' || indent <= stepIndent) break;
          const key = /^\s+([a-z-]+):/.exec(next)?.[1];
          if (!key || key === 'with' || indent !== stepIndent + 4) continue;
          assert.ok(key in action.inputs, `README example uses input '${key}', which action.yml does not declare`);
          checked++;
        }
      });
    }
    assert.ok(checked >= 8, `checked ${checked} inputs in the README's examples`);
  });

  it('documents the permissions and concurrency the quick start needs', () => {
    assert.match(readme, /pull-requests: write/);
    assert.match(readme, /contents: read/);
    assert.match(readme, /cancel-in-progress: false/);
  });
});
