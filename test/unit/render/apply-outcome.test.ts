// The merged-PR report's one outcome line and its advice, per kind of failure: the cause of a failed
// write comes from the typed error where it failed (failure-cause.ts), and a field conflict or an
// invalid object is never answered with a revert. Names from the cluster are data in the new lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyChanges } from '../../../src/apply/applier.js';
import { failureCause, type FailureCause } from '../../../src/apply/failure-cause.js';
import type { HookResult } from '../../../src/apply/hook-runner.js';
import { ClusterError } from '../../../src/cluster/cluster-error.js';
import { ClusterUnreachableError } from '../../../src/cluster/connection-errors.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { Action, PlanEntry } from '../../../src/model/plan.js';
import type { ObjectRef } from '../../../src/objects/object-ref.js';
import { planChanges } from '../../../src/plan/planner.js';
import { renderApplyMarkdown, type AppliedRun } from '../../../src/render/apply-markdown.js';
import { renderRefusedMarkdown } from '../../../src/render/refused-markdown.js';
import type { HealthResult } from '../../../src/wait/health-wait.js';
import { conflictError, FakeCluster } from '../../support/fake-cluster.js';
import { MANAGER, TARGET } from '../../support/fake-target.js';
import { liveMarkup } from '../../support/live-markup.js';

const marker = '<!-- kube-gitops:apply target=production -->';
const commit = '3f2a9c1e5d7b8a9c0d1e2f3a4b5c6d7e8f9a0b1c';
const ref = (kind: string, name: string, namespace = 'shop'): ObjectRef => ({ group: '', version: 'v1', kind, name, namespace });
const web = ref('Deployment', 'web');
const svc = ref('Service', 'web');
const cfg = ref('ConfigMap', 'settings');
const old = ref('ConfigMap', 'legacy');
const entry = (action: Action, r: ObjectRef): PlanEntry => ({ ref: r, action, notes: [], conflicts: [] });
const applied = (r: ObjectRef) => ({
  ref: r,
  type: { group: '', version: 'v1', kind: r.kind, plural: 'x', namespaced: true, verbs: [] },
  action: 'update' as const,
  durationMs: 1,
});
const sick = (r: ObjectRef): HealthResult => ({ ref: r, state: 'failed', message: 'ProgressDeadlineExceeded', durationMs: 1, events: ['BackOff'] });
const hook = (r: ObjectRef): HookResult => ({ ref: r, phase: 'pre-apply', state: 'failed', message: 'BackoffLimitExceeded', durationMs: 1, deleted: false });

/** A run of four planned writes (web, svc, cfg) and one prune (old); web was applied. */
function run(over: Partial<AppliedRun> = {}, failed: { ref: ObjectRef; cause: FailureCause }[] = []): AppliedRun {
  return {
    planResult: { plan: { entries: [entry('update', web), entry('create', svc), entry('update', cfg), entry('delete', old)], warnings: [] } },
    outcome: { applied: [applied(web)], failed: failed.map((f) => ({ ...f, message: `${f.ref.name} apply failed` })) },
    health: [],
    hooks: [],
    skippedSteps: [],
    durationsMs: { plan: 1, apply: 1, prune: 0, wait: 0 },
    succeeded: false,
    ...over,
  };
}
const render = (r: AppliedRun): string => renderApplyMarkdown(r, { marker, target: 'production', commit });
/** The line under the heading. */
const outcome = (md: string): string => md.split('\n')[3] ?? '';

describe('the cause of a failed write', () => {
  it('comes from the Status reason and HTTP status, never from the message', () => {
    assert.equal(failureCause(new ClusterError('Apply failed with 1 conflict: is invalid', 409, 'Conflict')), 'conflict');
    assert.equal(failureCause(new ClusterError('Deployment "web" is invalid: a conflict', 422, 'Invalid')), 'invalid');
    assert.equal(failureCause(new ClusterError('admission webhook "policy.example" denied the request', 400, 'BadRequest')), 'invalid');
    assert.equal(failureCause(new ClusterError('deployments "web" is forbidden', 403, 'Forbidden')), 'forbidden');
    assert.equal(failureCause(new ClusterError('Conflict: Invalid: forbidden', 500, 'InternalError')), 'other');
    assert.equal(failureCause(new ClusterUnreachableError('connect ECONNREFUSED 127.0.0.1:6443', 'ECONNREFUSED')), 'other');
  });

  it('is recorded by the apply where the write failed: a field conflict at apply time is a conflict', async () => {
    const cluster = new FakeCluster({ namespaces: ['apps'] }).failOn('apply', { kind: 'ConfigMap', dryRun: false }, conflictError('kubectl-edit', '.data.a'));
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps' }, data: { a: '1' } };
    const settings = { target: TARGET, commit: 'c0ffee1', namespace: 'apps', inventoryNamespace: 'apps', fieldManager: MANAGER, forceConflicts: false };
    const logger = new RecordingLogger();
    const planned = await planChanges(
      [{ object, source: { file: 'a.yaml', line: 1 } }],
      cluster,
      { ...settings, prune: true, pruneDangerous: false, concurrency: 1 },
      logger,
    );
    const result = await applyChanges(planned.changes, cluster, {
      fieldManager: MANAGER,
      forceConflicts: false,
      concurrency: 1,
      crdTimeoutMs: 1,
      logger,
      redactor: planned.redactor,
    });
    assert.deepEqual(
      result.failed.map((f) => f.cause),
      ['conflict'],
    );
  });
});

describe('the outcome line and the advice', () => {
  it('a success: one line, what was written and pruned, no advice', () => {
    const md = render(run({ succeeded: true, prune: { deleted: [old], failed: [], retained: [] }, health: [{ ...sick(web), state: 'healthy' }] }));
    assert.equal(outcome(md), '✅ **Applied**: 1 written, 1 pruned, all healthy.');
    assert.doesNotMatch(md, /What to do|git revert|❌|⚠️/);
  });

  it('a field conflict: what was applied, what failed, what was not attempted, the skipped prune; force-conflicts, never a revert', () => {
    const md = render(run({}, [{ ref: svc, cause: 'conflict' }]));
    assert.equal(outcome(md), '❌ **Failed**: 1 of 3 changes applied, 1 failed (field conflict), 1 not attempted; nothing was pruned.');
    assert.match(md, /### Failed\n\n\| object \| error \|\n\| --- \| --- \|\n\| `Service\/shop\/web` \| web apply failed \|/);
    assert.match(md, /<details><summary>Applied<\/summary>[^]*`Deployment\/shop\/web`/);
    assert.match(md, /<summary>Not attempted: 1 object\(s\), the run stopped first<\/summary>\n\n- `ConfigMap\/shop\/settings`\n/);
    assert.match(md, /<summary>The prune was skipped: 1 object\(s\) due to be pruned stay until a run succeeds<\/summary>\n\n- `ConfigMap\/shop\/legacy`\n/);
    assert.match(md, /- \*\*Field conflict\*\*: [^\n]*A revert does not help[^\n]*Set `force-conflicts: true`[^\n]*undo that change in the cluster/);
    assert.doesNotMatch(md, /git revert|roll back/);
  });

  it('an invalid or forbidden object: fix the manifest in a new pull request, no revert', () => {
    const md = render(
      run({}, [
        { ref: svc, cause: 'invalid' },
        { ref: cfg, cause: 'forbidden' },
      ]),
    );
    assert.equal(outcome(md), '❌ **Failed**: 1 of 3 changes applied, 2 failed (invalid, forbidden); nothing was pruned.');
    assert.match(md, /- \*\*Invalid\*\*: [^\n]*Fix the manifest in a new pull request/);
    assert.match(md, /- \*\*Forbidden\*\*: [^\n]*Grant the permission/);
    assert.doesNotMatch(md, /git revert|Field conflict/);
  });

  it('a hook that did not complete: its logs, and the revert', () => {
    const migrate = ref('Job', 'migrate');
    const md = render(
      run({
        hooks: [hook(migrate)],
        health: [sick(migrate)],
        stoppedAt: 'pre-apply hook Job/shop/migrate',
        outcome: { applied: [], failed: [{ ref: migrate, message: 'did not complete', cause: 'hook' }] },
      }),
    );
    assert.equal(outcome(md), '❌ **Failed**: 0 of 4 changes applied, 1 failed (hook did not complete), 3 not attempted; nothing was pruned.');
    assert.match(md, /- \*\*Hook did not complete\*\*: read its logs \(`kubectl logs -n shop job\/migrate`\)/);
    assert.match(md, new RegExp(`git revert ${commit}`));
    assert.doesNotMatch(md, /\*\*Not healthy\*\*:/, 'the hook is the advice, not a rollout');
  });

  it('a wave that did not become healthy: it is named, nothing was pruned, the events and the revert', () => {
    const md = render(run({ stoppedAt: 'wave 0', health: [sick(web)], skippedSteps: ['wave 1'] }));
    assert.equal(
      outcome(md),
      '❌ **Failed**: 1 of 3 changes applied, 2 not attempted; wave 0 did not become healthy (`Deployment/shop/web`), so nothing was pruned.',
    );
    assert.match(md, /- \*\*Not healthy\*\*: the state and latest events above say why/);
    assert.match(md, new RegExp(`git revert ${commit}`));
  });

  it('a rollout not healthy after the prune: applied, not healthy, with the revert', () => {
    const md = render(run({ prune: { deleted: [old], failed: [], retained: [] }, health: [sick(web)] }));
    assert.equal(outcome(md), '⚠️ **Applied, not healthy**: 1 written, 1 pruned; 1 not healthy: `Deployment/shop/web`.');
    assert.doesNotMatch(md, /prune was skipped/);
    assert.match(md, new RegExp(`git revert ${commit}`));
  });

  it('a prune that failed, and an interrupted run: re-run, no revert', () => {
    const pruneFailed = render(run({ prune: { deleted: [], failed: [{ ref: old, message: 'forbidden' }], retained: [] } }));
    assert.equal(outcome(pruneFailed), '❌ **Prune failed**: 1 written, 0 pruned, 1 could not be deleted: `ConfigMap/shop/legacy`.');
    assert.match(pruneFailed, /- \*\*Prune failed\*\*: /);
    const interrupted = render(run({}, [{ ref: svc, cause: 'interrupted' }]));
    assert.equal(outcome(interrupted), '⏹️ **Interrupted**: 1 of 3 changes applied, 2 not attempted; nothing was pruned.');
    assert.match(interrupted, /- \*\*Interrupted\*\*: [^\n]*re-run this workflow/);
    const phased = render(run({ stoppedAt: 'wave 1' }, [{ ref: svc, cause: 'interrupted' }]));
    assert.equal(outcome(phased), outcome(interrupted), 'a phased run interrupted is not a wave that did not become healthy');
    for (const md of [pruneFailed, interrupted, phased]) assert.doesNotMatch(md, /git revert|### Failed/);
  });

  it('a refusal before the first write: nothing was applied, because of the problems listed', () => {
    const md = renderRefusedMarkdown({ marker, target: 'production', commit, refusal: { problems: [{ message: 'Refusing to apply 3f2a9c1: it is older' }] } });
    assert.equal(
      outcome(md),
      '⛔ **Nothing was applied**: refused before the first write because of the problem below; the cluster is as it was before this run.',
    );
  });

  it('shows names from the cluster as data in the outcome line and the advice, never as markup', () => {
    const HOSTILE = '@octocat [l](https://evil.invalid) <img src=x> `tick` | *em* #12\n# INJECTED';
    const evil: ObjectRef = { group: '', version: 'v1', kind: HOSTILE, namespace: HOSTILE, name: HOSTILE };
    const reports = [
      run({
        stoppedAt: HOSTILE,
        health: [sick(evil)],
        hooks: [hook(evil)],
        outcome: { applied: [], failed: [{ ref: evil, message: HOSTILE, cause: 'conflict' }] },
      }),
      run({ stoppedAt: HOSTILE, health: [sick(evil), sick(evil), sick(evil), sick(evil)] }),
      run({ prune: { deleted: [], failed: [{ ref: evil, message: HOSTILE }], retained: [] }, health: [sick(evil)] }),
    ];
    const [hookAndConflict, wave, pruneFailed] = reports.map(render);
    assert.ok(hookAndConflict?.includes('- **Hook did not complete**: read its logs (``kubectl logs -n @octocat [l](https://evil.invalid)'), hookAndConflict);
    assert.ok(wave && outcome(wave).includes('(``@octocat [l](https://evil.invalid)') && outcome(wave).includes(' and 1 more), so nothing was pruned.'), wave);
    assert.ok(pruneFailed && outcome(pruneFailed).includes('could not be deleted: ``@octocat [l](https://evil.invalid)'), pruneFailed);
    for (const md of [hookAndConflict, wave, pruneFailed]) assert.deepEqual(liveMarkup(md ?? '', marker), []);
  });
});
