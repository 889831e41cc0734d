// What `mode: targets` hands on: the matrix (planned targets in the targets file's order, fields
// only when set, `{"include":[]}` when none) and the summary, where a pull request's file names and
// the targets file's names are data: no line break, link, mention or list item comes from them.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Selection } from '../../../src/fleet/select-targets.js';
import { selectionLogLines, selectionMarkdown } from '../../../src/fleet/selection-summary.js';
import { EMPTY_MATRIX, hasPlannedTargets, matrixOutput, ringMatricesOutput } from '../../../src/fleet/target-matrix.js';
import { FleetRepo, configMap, planned } from '../../support/fleet-repo.js';

const made: FleetRepo[] = [];
after(() => made.forEach((r) => r.cleanup()));

function fleet(): FleetRepo {
  const repo = new FleetRepo({ 'apps/a/cm.yaml': configMap('a'), 'apps/b/cm.yaml': configMap('b'), 'apps/c/cm.yaml': configMap('c') });
  made.push(repo);
  return repo;
}

describe('the matrix of the planned targets', () => {
  it('lists the planned targets in file order, each field only when the target sets it', async () => {
    const repo = fleet();
    const targets = [
      repo.target('c', ['apps/c'], { environment: 'production' }, { kubeconfigSecret: 'KUBECONFIG_PROD', ring: 2 }),
      repo.target('b', ['apps/b']),
      repo.target('a', ['apps/a'], {}, { ring: 'canary' }),
    ];
    repo.write('apps/a/cm.yaml', configMap('a', 'new'));
    repo.write('apps/c/cm.yaml', configMap('c', 'new'));
    const selection = await repo.select(targets);
    assert.equal(
      matrixOutput(selection.targets),
      '{"include":[{"target":"c","environment":"production","kubeconfig-secret":"KUBECONFIG_PROD","ring":2},{"target":"a","ring":"canary"}]}',
    );
    assert.equal(hasPlannedTargets(selection.targets), true);
  });

  it('splits the matrix by ring in rollout order (the `rings` output): every ring a key, targets without a ring under ""', async () => {
    const repo = fleet();
    const targets = [repo.target('c', ['apps/c'], {}, { ring: 2 }), repo.target('b', ['apps/b']), repo.target('a', ['apps/a'], {}, { ring: 0 })];
    repo.write('apps/c/cm.yaml', configMap('c', 'new'));
    repo.write('apps/b/cm.yaml', configMap('b', 'new'));
    const selection = await repo.select(targets);
    assert.equal(ringMatricesOutput(selection.targets), '{"0":{"include":[]},"2":{"include":[{"target":"c","ring":2}]},"":{"include":[{"target":"b"}]}}');
  });

  it('is {"include":[]} when no target is planned, which a workflow compares to skip the matrix job', async () => {
    const repo = fleet();
    repo.write('README.md', 'docs only\n');
    const selection = await repo.select([repo.target('a', ['apps/a'])]);
    assert.equal(matrixOutput(selection.targets), EMPTY_MATRIX);
    assert.equal(EMPTY_MATRIX, '{"include":[]}');
    assert.equal(hasPlannedTargets(selection.targets), false);
    assert.match(selectionMarkdown(selection), /No target is planned/);
  });
});

describe('the selection summary', () => {
  it("shows an attacker's file name with line breaks, a link, a mention and an issue reference as data", async () => {
    const repo = fleet();
    const evil = 'apps/a/x\n- [click](https://evil.example)\n@admin #12 <!-- `y.yaml';
    repo.write(evil, configMap('evil'));
    const selection = await repo.select([repo.target('a', ['apps/a']), repo.target('b', ['apps/b'])]);
    assert.deepEqual(planned(selection), ['a']);
    const markdown = selectionMarkdown(selection);
    const aLine = markdown.split('\n').find((l) => l.startsWith('- `a`')) ?? '';
    assert.match(aLine, /evil/, "the whole name is on the target's one line");
    assert.doesNotMatch(markdown, /^- \[click\]/m);
    assert.doesNotMatch(markdown, /(?<!\\)\]\(https:/, 'no unescaped link');
    assert.doesNotMatch(markdown, /@admin|#12|<!--/);
    assert.match(markdown, /Not planned, no input changed: `b`/);
    assert.match(markdown, /^Changed files: git diff [0-9a-f]{7} [0-9a-f]{7}\.$/m);
    const log = selectionLogLines(selection);
    assert.equal(log.length, 2);
    assert.ok(log.every((l) => !l.includes('\n')));
    assert.equal(log[1], 'not planned b: no input changed');
  });

  it('says why every target is planned when the selection failed open', () => {
    const repo = fleet();
    const selection: Selection = {
      targets: [{ target: repo.target('a', ['apps/a']), selected: true, why: 'every target is planned: which files changed cannot be told: `x`' }],
      failedOpen: 'which files changed cannot be told: `x`',
    };
    assert.equal(selectionMarkdown(selection), '### Targets: 1 of 1 planned\n\nEvery target is planned: which files changed cannot be told: `x`\n\n- `a`\n');
  });
});
