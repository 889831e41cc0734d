// examples/fleet's workflows are the ones docs/fleets.md shows, word for word, and have the safe
// shape: every input they give is declared in action.yml; plans run in no environment and post no
// comment of their own; the fleet job gathers every plan file; applies run one at a time per target
// in the target's GitHub environment, refusing a plan other than the reviewed one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { readActionYaml } from '../../../scripts/action-reference.js';
import { actionPin } from '../../../scripts/docs-pages.js';
import { actionSteps, type WorkflowJob } from '../../support/example-repos.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const dir = path.join(root, 'examples/fleet/.github/workflows');

const workflows = () => readdirSync(dir).sort();
const jobsOf = (file: string) => (load(readFileSync(path.join(dir, file), 'utf8')) as { jobs: Record<string, WorkflowJob & { strategy?: unknown }> }).jobs;

describe("the fleet's workflows", () => {
  it('are the ones docs/fleets.md shows, word for word', () => {
    const page = readFileSync(path.join(root, 'docs/fleets.md'), 'utf8');
    const shown = [...page.matchAll(/```yaml\n(name: [\s\S]*?)```/g)].map((m) => m[1]);
    assert.deepEqual(workflows(), ['drift.yaml', 'kube-gitops.yaml']);
    assert.deepEqual(
      shown,
      ['kube-gitops.yaml', 'drift.yaml'].map((f) => readFileSync(path.join(dir, f), 'utf8')),
    );
  });

  it('is in the README too, word for word: the ring workflow to copy', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const shown = [...readme.matchAll(/```yaml\n(name: kube-gitops\n[\s\S]*?)```/g)].map((m) => m[1]);
    assert.deepEqual(shown, [readFileSync(path.join(dir, 'kube-gitops.yaml'), 'utf8')]);
  });

  it('give only inputs action.yml declares, through the one pin', () => {
    const action = readActionYaml(path.join(root, 'action.yml'));
    for (const file of workflows()) {
      for (const job of Object.values(jobsOf(file))) {
        for (const step of actionSteps(job)) {
          assert.equal(step.uses, actionPin(root));
          for (const key of Object.keys(step.with ?? {})) assert.ok(key in action.inputs, `${file}: input '${key}' is declared in action.yml`);
        }
      }
    }
  });

  it('plan in no environment without a comment of their own, gather every plan file, and apply ring by ring, one at a time per target, in the target environment, then report the rollout', () => {
    const jobs = jobsOf('kube-gitops.yaml');
    const step = (job: string) => actionSteps(jobs[job]!)[0]!.with ?? {};
    assert.equal(step('targets').mode, 'targets');
    assert.equal(jobs.plan!.environment, undefined);
    assert.equal(String(step('plan').comment), 'false');
    assert.equal(step('plan').target, '${{ matrix.target }}');
    assert.equal(step('fleet').mode, 'fleet');
    assert.match(jobs.fleet!.if ?? '', /^always\(\)/, 'the fleet job runs when a plan job failed too');
    const rings = Object.keys(jobs).filter((j) => j.startsWith('ring-'));
    assert.deepEqual(rings, ['ring-0', 'ring-1', 'ring-2'], "one job per ring of examples/fleet's targets file");
    rings.forEach((ring, i) => {
      const job = jobs[ring]!;
      assert.equal(job.environment, '${{ matrix.environment }}');
      assert.equal(job.concurrency?.['cancel-in-progress'], false);
      assert.equal(step(ring)['on-unreviewed-changes'], 'fail');
      assert.equal((job.strategy as { matrix?: string }).matrix, `\${{ fromJSON(needs.targets.outputs.rings)['${i}'] }}`);
      assert.deepEqual(job.needs, i === 0 ? 'targets' : ['targets', `ring-${i - 1}`], `${ring} waits for the ring before it`);
      const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact')) as { if?: string } | undefined;
      assert.equal(upload?.if, 'always()', `${ring}: an apply that failed or was stopped still uploads the file saying why`);
    });
    assert.equal(step('rollout').mode, 'fleet');
    assert.match(jobs.rollout!.if ?? '', /^always\(\)/, 'the rollout comment is posted when a ring failed too');
    assert.deepEqual(jobs.rollout!.needs, ['targets', ...rings]);
    const uploads = jobs.plan!.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    assert.equal(uploads.length, 1);
    assert.equal((uploads[0] as { if?: string }).if, 'always()', 'a plan that failed still uploads the file saying why');
  });
});
