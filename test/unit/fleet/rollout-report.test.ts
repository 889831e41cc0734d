// The rollout comment of a merged commit: one row per target of the file from the apply jobs' plan
// files (applied, failed, stopped, did not run), one table per ring in rollout order; what a plan
// file says is data, and a run is linked only under the repository's runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPlanFiles } from '../../../src/fleet/plan-file-read.js';
import { renderRolloutMarkdown } from '../../../src/fleet/rollout-markdown.js';
import { rolloutRows } from '../../../src/fleet/rollout-rows.js';
import { HEAD, writePlanFileOf } from '../../support/fleet-plans.js';
import { matchesGolden } from '../../support/golden.js';
import { livePlan } from '../../support/plan-entries.js';
import { plansDir } from './fleet-fixtures.js';

const RUNS = 'https://github.com/octo/fleet/actions/runs/';
const view = {
  marker: '<!-- kube-gitops:rollout -->',
  sha: HEAD,
  commitUrl: `https://github.com/octo/fleet/commit/${HEAD}`,
  runUrlPrefix: RUNS,
  rings: ['0', '1', '2'],
};
const run = (report: 'apply' | 'refused', extra: Record<string, unknown> = {}) => ({
  report,
  version: '0.1.0',
  namespace: 'shop',
  runUrl: `${RUNS}77`,
  ...extra,
});

function fleet() {
  const dir = plansDir();
  writePlanFileOf(dir, livePlan([], { target: 'canary', commit: HEAD }), run('apply', { succeeded: true, outcome: 'Applied: 4 written, 0 pruned', ring: '0' }));
  writePlanFileOf(
    dir,
    livePlan([], { target: 'staging', commit: HEAD }),
    run('apply', { succeeded: false, outcome: 'Applied, not healthy: 2 written, 0 pruned, 1 not healthy' }),
  );
  writePlanFileOf(
    dir,
    livePlan([], {
      target: 'eu',
      commit: HEAD,
      problems: [
        {
          message: 'Nothing was applied: Ring 2 waits for ring 1: target "staging" (environment "staging") its last deployment, of c0ffee1, ended in failure.',
        },
      ],
    }),
    run('refused'),
  );
  writePlanFileOf(dir, livePlan([], { target: 'us', commit: 'f'.repeat(40) }), run('apply', { succeeded: true, outcome: 'Applied: 1 written, 0 pruned' }));
  writePlanFileOf(
    dir,
    livePlan([], { target: 'tools', commit: HEAD }),
    run('apply', { succeeded: true, outcome: 'Applied: 1 written, 0 pruned', runUrl: 'https://evil.example/runs/1' }),
  );
  return readPlanFiles(dir);
}

const TARGETS = [
  { name: 'canary', ring: '0', environment: 'canary' },
  { name: 'staging', ring: '1', environment: 'staging' },
  { name: 'eu', ring: '2', environment: 'production-eu' },
  { name: 'us', ring: '2', environment: 'production-us' },
  { name: 'tools' },
];

describe('the rollout comment of a merged commit', () => {
  it('names every ring and target: applied, failed, stopped and why, no report of this commit; golden', () => {
    const rows = rolloutRows(fleet(), TARGETS, HEAD);
    assert.deepEqual(
      rows.map((r) => [r.target, r.state]),
      [
        ['canary', 'applied'],
        ['staging', 'failed'],
        ['eu', 'stopped'],
        ['us', 'no-report'],
        ['tools', 'applied'],
      ],
    );
    matchesGolden('rollout/stopped.md', renderRolloutMarkdown(rows, view));
  });

  it('says first that the commit went everywhere when every target applied it healthy', () => {
    const dir = plansDir();
    writePlanFileOf(dir, livePlan([], { target: 'canary', commit: HEAD }), run('apply', { succeeded: true, outcome: 'Applied: 1 written, 0 pruned' }));
    const body = renderRolloutMarkdown(rolloutRows(readPlanFiles(dir), [{ name: 'canary', ring: '0' }], HEAD), view);
    assert.match(body.split('\n')[1] ?? '', /^### ✅ Rolled out \[`c0ffee1`\]\(https:\/\/github\.com\/octo\/fleet\/commit\/c0ffee1\S+\) to all 1 targets$/);
  });

  it('keeps what a plan file says as inert text: no markup, no link, no row break', () => {
    const dir = plansDir();
    const hostile = 'x | <img src=https://evil.example/p> [click](https://evil.example) @admin\n| forged | row |';
    writePlanFileOf(dir, livePlan([], { target: 'canary', commit: HEAD }), run('apply', { succeeded: false, outcome: hostile, runUrl: `${RUNS}1?x=[y](z)` }));
    const body = renderRolloutMarkdown(rolloutRows(readPlanFiles(dir), [{ name: 'canary', ring: '0' }], HEAD), view);
    const row = body.split('\n').find((l) => l.startsWith('| `canary`')) ?? '';
    assert.equal(body.split('\n').filter((l) => l.startsWith('| ')).length, 3, body);
    assert.ok(!/<img|\]\(https:\/\/evil|\(\[run\]/.test(row), row);
    assert.ok(!row.includes('[run]'), 'a run URL with more than a run id is not linked');
  });
});
