import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HealthResult } from '../../../src/wait/health-wait.js';
import { ManifestError } from '../../../src/model/errors.js';
import { renderApplyMarkdown } from '../../../src/render/apply-markdown.js';
import { renderRefusedMarkdown } from '../../../src/render/refused-markdown.js';
import { refusalLine, refusalOf } from '../../../src/model/refusal.js';
import { ApplyRefusedError } from '../../../src/model/apply-refused.js';
import { readInventory } from '../../../src/inventory/applyset.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { commitOrderGate } from '../../../src/run/write-gates.js';
import { matchesGolden } from '../../support/golden.js';
import { applied, commit, entry, healthy, legacy, marker, planWith, ref, settings, svc, view, web } from '../../support/apply-report-view.js';

describe('the apply report renderer', () => {
  it('reports a successful apply: counts of what was done, durations, applied with health, pruned, left in place (golden)', () => {
    const md = renderApplyMarkdown(...view());
    assert.match(md, /\*\*4 created, 0 updated|\*\*3 created, 1 updated/);
    assert.match(md, /\| ✨ create \| `Gateway\.gateway\.networking\.k8s\.io\/shop\/edge` \| healthy in 0\.1 s \|/);
    assert.match(md, /\| ✨ create \| `Gateway\.networking\.istio\.io\/shop\/edge` \| healthy in 0\.1 s \|/);
    matchesGolden('apply-succeeded.md', md);
  });

  it('reports a failed rollout: what is not healthy and why, with events, and how to roll back (golden)', () => {
    const stuck: HealthResult = {
      ref: web,
      state: 'failed',
      message: 'Progressing=False ProgressDeadlineExceeded: ReplicaSet "web-5d9c" has timed out progressing.',
      durationMs: 5000,
      events: ['FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.', 'BackOff: Back-off pulling image "registry.example/web:3.0"'],
    };
    const md = renderApplyMarkdown(
      ...view({
        succeeded: false,
        health: [stuck, healthy(svc, 0)],
        applied: [applied('update', web), applied('create', svc)],
        entries: [entry('update', web), entry('create', svc)],
        prune: { deleted: [], failed: [], retained: [] },
      }),
    );
    assert.match(
      md,
      /## kube-gitops apply of `3f2a9c1` to \*\*production\*\*\n\n⚠️ \*\*Applied, not healthy\*\*: 2 written, 0 pruned; 1 not healthy: `Deployment\/shop\/web`\.\n/,
    );
    assert.match(md, /\| `Deployment\/shop\/web` \| failed \| Progressing=False ProgressDeadlineExceeded/);
    assert.match(md, new RegExp(`git revert ${commit}`));
    matchesGolden('apply-unhealthy.md', md);
  });

  it('reports a pre-apply hook that did not complete: the hook, its pod and reason, its events, the steps not started, how to roll back (golden)', () => {
    const migrate = ref('Job', 'migrate', 'batch');
    const why =
      'did not become healthy within 2m: 0 completions succeeded, 1 active, 0 failed; pod migrate-x7k2p: Pending, not ready (Ready=False ContainersNotReady)';
    const failedView = view({
      prune: undefined,
      entries: [entry('replace', migrate), entry('update', web), entry('create', svc), entry('delete', legacy)],
      applied: [],
      failed: [{ ref: migrate, message: `the pre-apply hook Job/shop/migrate did not complete: ${why}`, cause: 'hook' }],
      health: [
        { ref: migrate, state: 'failed', message: why, durationMs: 120_000, events: ['Pod migrate-x7k2p Scheduled: Successfully assigned shop/migrate-x7k2p'] },
      ],
      hooks: [{ ref: migrate, phase: 'pre-apply', state: 'failed', message: why, durationMs: 120_000, deleted: false }],
      stoppedAt: 'pre-apply hook Job/shop/migrate',
      skippedSteps: ['wave 0', 'wave 1'],
      succeeded: false,
      durationsMs: { plan: 1200, apply: 121_000, prune: 0, wait: 0 },
    });
    matchesGolden('apply-hook-failed.md', renderApplyMarkdown(...failedView));
  });

  it("shows the plan's warnings as the plan comment does (golden)", () => {
    const warnings = [
      'ConfigMap/shop/settings: metadata.namespace "other" is ignored: the target namespace is shop.',
      'Deployment/shop/web: fields owned by another manager (.spec.replicas by kube-controller-manager); the apply will fail unless force-conflicts is true.',
      'the ApplySet records Widget.example.com, which the cluster no longer serves; its objects cannot be listed or pruned.',
    ];
    const md = renderApplyMarkdown(...view({ warnings }));
    assert.ok(md.includes(`> [!WARNING]\n${warnings.map((w) => `> - ${w}`).join('\n')}\n`), md);
    matchesGolden('apply-warnings.md', md);
  });

  it('escapes cells as the plan comment does: pipes, angle brackets, backslashes and line breaks', () => {
    const md = renderApplyMarkdown(...view({ succeeded: false, failed: [{ ref: web, message: 'a|b <x> c\\|d\ne', cause: 'invalid' }] }));
    assert.ok(md.includes('| `Deployment/shop/web` | a\\|b &lt;x&gt; c\\\\\\|d<br>e |'), md);
  });

  it("fits GitHub's comment limit: failures first and whole, the advice kept, the applied table cut with a note", () => {
    const many = Array.from({ length: 3000 }, (_, i) => ref('ConfigMap', `settings-${i}-${'x'.repeat(30)}`));
    const md = renderApplyMarkdown(
      ...view({
        succeeded: false,
        entries: many.map((r) => entry('create', r)),
        applied: many.map((r) => applied('create', r)),
        health: [],
        failed: [{ ref: web, message: 'Deployment/shop/web apply failed (Conflict): .spec.replicas is owned by kube-controller-manager', cause: 'conflict' }],
        prune: { deleted: [], failed: [], retained: [] },
      }),
    );
    assert.ok(Buffer.byteLength(md) < 65_000, `${Buffer.byteLength(md)} bytes`);
    assert.match(md, /### Failed\n\n\| object \| error \|\n\| --- \| --- \|\n\| `Deployment\/shop\/web` \| Deployment\/shop\/web apply failed \(Conflict\)/);
    assert.match(md, /^- \*\*Field conflict\*\*: /m);
    assert.doesNotMatch(md, /git revert/, 'a conflict is not fixed by a revert');
    assert.match(md, /…and \d+ more object\(s\); the workflow log lists them all\.\n\n<\/details>/);
  });
});

describe('the report of a refused push', () => {
  const problems = [
    {
      message: 'Gizmo.example.com/shop/g: the cluster does not know kind Gizmo in example.com/v1, and no CustomResourceDefinition in the manifests defines it.',
      source: { file: 'deploy/gizmo.yaml', line: 3 },
    },
    {
      message: 'Deployment/shop/web: dry-run failed (Invalid): spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      source: { file: 'deploy/web.yaml', line: 1 },
    },
  ];

  it("says nothing was applied and lists each problem at its file and line, with the plan's counts and warnings (golden)", () => {
    const plan = planWith({
      problems,
      warnings: ['ConfigMap/shop/settings: metadata.namespace "other" is ignored: the target namespace is shop.'],
      entries: [entry('create', svc), entry('unchanged', settings)],
    });
    const refusal = refusalOf(new ApplyRefusedError('Nothing was applied: 2 problems were found while planning:\n  - …', { problems, plan }));
    assert.ok(refusal);
    const md = renderRefusedMarkdown({ marker, target: 'production', commit, refusal, runUrl: 'https://github.com/acme/shop/actions/runs/4242' });
    assert.match(md, /> - `deploy\/gizmo\.yaml:3`: Gizmo\.example\.com\/shop\/g: the cluster does not know kind Gizmo/);
    assert.match(md, /> - `deploy\/web\.yaml:1`: Deployment\/shop\/web: dry-run failed/);
    assert.match(md, /The plan: \*\*1 create, 0 update, 0 replace, 0 delete, 1 unchanged\*\*/);
    assert.match(md, /> \[!WARNING\]\n> - ConfigMap\/shop\/settings: metadata\.namespace "other" is ignored/);
    assert.equal(refusalLine(refusal), 'Nothing was applied: 2 problem(s) must be fixed first; see the annotations and the job summary.');
    matchesGolden('apply-refused.md', md);
  });

  it('reports invalid manifests that never reached a plan: each problem, no counts', () => {
    const refusal = refusalOf(
      new ManifestError([
        { message: 'YAML: bad indentation of a mapping entry', source: { file: 'deploy/web.yaml', line: 7, column: 3 } },
        { message: "path 'deplo/' matches no manifest" },
      ]),
    );
    assert.ok(refusal);
    const md = renderRefusedMarkdown({ marker, target: 'production', commit, refusal });
    assert.match(md, /> - `deploy\/web\.yaml:7`: YAML: bad indentation of a mapping entry\n> - path 'deplo\/' matches no manifest\n/);
    assert.doesNotMatch(md, /The plan:/);
  });

  it("fails the step with a refusal's own line when it is the only problem and has no file", async () => {
    const older =
      'Refusing to apply 3f2a9c1: it is older than a1b2c3d, which is already live (an older run finishing last?). Re-run the newest workflow run instead, or revert with a new commit.';
    // The commit order gate's own refusal, as the apply throws it.
    const gate = commitOrderGate(async () => 'behind', new RecordingLogger());
    const inventory = { ...readInventory('production', 'shop', undefined), appliedCommit: 'a1b2c3d' };
    const refusal = refusalOf(
      await gate({ plan: planWith({}), inventory, commit: '3f2a9c1' }).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    assert.ok(refusal);
    assert.equal(refusalLine(refusal), older);
    assert.match(
      renderRefusedMarkdown({ marker, target: 'production', commit, refusal }),
      /> \*\*Refused because:\*\*\n> - Refusing to apply 3f2a9c1: it is older/,
    );
  });

  it("keeps a refusal with thousands of problems under GitHub's comment limit, saying how many were left out", () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      message: `ConfigMap/shop/c-${i}: dry-run failed (Invalid): data: Invalid value`,
      source: { file: 'deploy/big.yaml', line: i * 6 + 1 },
    }));
    const md = renderRefusedMarkdown({ marker, target: 'production', commit, refusal: { problems: many } });
    assert.ok(Buffer.byteLength(md) < 65_000, `${Buffer.byteLength(md)} bytes`);
    assert.match(md, /> - …and \d+ more; the annotations of this run list them all\./);
  });

  it('says at the top when the plan applied is not the one reviewed, object by object and why (golden)', () => {
    const md = renderApplyMarkdown(
      ...view({
        review: {
          matches: 'false',
          pullRequest: 54,
          reason: 'main moved on: the merged manifests differ from the ones reviewed at `9e8d7c6`',
          differences: [
            { object: 'ConfigMap/shop/settings', reviewed: 'unchanged', planned: 'update', why: 'drift since the review: the live object changed' },
            { object: 'Deployment/shop/web', reviewed: 'update', planned: 'update', why: 'its manifest changed: main moved on' },
            { reviewed: 'create', planned: 'unchanged', why: 'the manifests changed (main moved on) or the live object did; the digests cannot tell which' },
          ],
        },
      }),
    );
    const warning = md.indexOf('**This is not the plan reviewed in #54**');
    assert.ok(warning > 0 && warning < md.indexOf('<details>'), 'before the sections of what was applied');
    matchesGolden('apply-unreviewed.md', md);
  });

  it('says when the plan applied is the reviewed one, and why it could not be compared when no review was found', () => {
    assert.match(renderApplyMarkdown(...view({ review: { matches: 'true', pullRequest: 53, differences: [] } })), /✅ Applied the plan reviewed in #53\./);
    assert.match(
      renderApplyMarkdown(
        ...view({ review: { matches: 'unknown', reason: 'no pull request is associated with 3f2a9c1 (pushed directly?)', differences: [] } }),
      ),
      /Not compared with a reviewed plan: no pull request is associated with 3f2a9c1 \(pushed directly\?\)\./,
    );
  });

  it('states one verdict: a failed run never says it applied the reviewed plan', () => {
    const md = renderApplyMarkdown(...view({ succeeded: false, review: { matches: 'true', pullRequest: 7, differences: [] } }));
    assert.doesNotMatch(md, /✅ Applied the plan reviewed/);
    assert.match(md, /The plan was the one reviewed in #7; it did not apply fully \(below\)\./);
  });
});
