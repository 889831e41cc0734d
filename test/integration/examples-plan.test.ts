// Every example repository (examples/) plans cleanly against a real API server, as its pull
// request job would: each target's manifests, loaded as the workflow says, dry-run without a problem.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import { planChanges } from '../../src/plan/planner.js';
import { withHelmOnPath } from '../support/helm-binary.js';
import { withSopsOnPath } from '../support/sops-binary.js';
import { actionSteps, exampleNames, examplesRoot, loadExample, workflowJobs } from '../support/example-repos.js';
import { readFleetTargets } from '../../src/settings/fleet-targets.js';
import path from 'node:path';
import { testCluster, uniqueName } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

describe('the example repositories against a cluster', () => {
  let restore: Array<() => void> = [];
  before(async () => {
    restore = [await withHelmOnPath(), await withSopsOnPath()];
  });
  after(() => restore.forEach((r) => r()));

  // examples/fleet has a targets file: each of its targets is planned as its matrix job would.
  for (const example of exampleNames().filter((name) => name !== 'fleet')) {
    it(`${example}: each pull request job's plan dry-runs every object without a problem`, async () => {
      const client = (await testCluster()).client();
      const plans = Object.values(workflowJobs(example)).filter((j) => j.if === "github.event_name == 'pull_request'");
      assert.ok(plans.length > 0, 'the workflow plans pull requests');
      for (const step of plans.flatMap(actionSteps)) {
        const inputs = step.with ?? {};
        const desired = await loadExample(example, inputs);
        const namespace = inputs.namespace ?? 'default';
        const settings = testApplySettings({ target: uniqueName(`example-${example}`), namespace, inventoryNamespace: 'default', commit: 'f'.repeat(40) });
        const result = await planChanges(desired, client, settings, new RecordingLogger());
        assert.deepEqual(result.plan.problems, [], `${example} ${inputs.path}`);
        assert.equal(result.plan.entries.filter((e) => e.action !== 'delete').length, desired.length, 'one entry per object');
      }
    });
  }

  it("fleet: each target's plan, its settings from the targets file, dry-runs every object without a problem", async () => {
    const client = (await testCluster()).client();
    const targets = readFleetTargets(() => '', { GITHUB_WORKSPACE: path.join(examplesRoot, 'fleet') });
    assert.equal(targets.length, 5);
    for (const t of targets) {
      const desired = await loadExample('fleet', t.inputs);
      const settings = testApplySettings({
        target: uniqueName(`example-${t.name}`),
        namespace: t.settings.namespace,
        inventoryNamespace: 'default',
        commit: 'f'.repeat(40),
      });
      const result = await planChanges(desired, client, settings, new RecordingLogger());
      assert.deepEqual(result.plan.problems, [], t.name);
      assert.equal(result.plan.entries.filter((e) => e.action !== 'delete').length, desired.length, 'one entry per object');
    }
  });
});
