// The action's default `path: .` on a whole repository, workflow file included (examples/plain),
// plans against a real API server as its pull request job would: the workflow is skipped with one
// notice, and the manifests load and dry-run as they do with `path: deploy/`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import { planChanges } from '../../src/plan/planner.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { loadDesired } from '../../src/run/load-stage.js';
import { readSettings } from '../../src/settings/read-settings.js';
import { examplesRoot } from '../support/example-repos.js';
import { testCluster, uniqueName } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

describe('the default path on a repository with a workflow file', () => {
  it('plans the manifests instead of failing on .github/workflows', async () => {
    const workspace = path.join(examplesRoot, 'plain');
    const settings = readSettings(() => '', { GITHUB_WORKSPACE: workspace });
    assert.deepEqual(settings.paths, ['.'], "the action's default path");
    const logger = new RecordingLogger();
    const desired = await loadDesired({ workspace, paths: settings.paths, exclude: settings.exclude }, logger, new SecretRedactor());
    const asDeploy = await loadDesired({ workspace, paths: ['deploy/'], exclude: [] }, new RecordingLogger(), new SecretRedactor());
    assert.deepEqual(desired, asDeploy, 'the same objects as path: deploy/');
    assert.deepEqual(
      logger.records.filter((r) => r.message.startsWith('Skipped ')).map((r) => r.message),
      [
        'Skipped 1 file that holds no Kubernetes object (no document with apiVersion, kind or metadata): .github/workflows/deploy.yml; name a file in `path` to load it anyway',
      ],
    );
    const client = (await testCluster()).client();
    const apply = testApplySettings({ target: uniqueName('default-path'), namespace: 'default', inventoryNamespace: 'default', commit: 'f'.repeat(40) });
    const result = await planChanges(desired, client, apply, new RecordingLogger());
    assert.deepEqual(result.plan.problems, []);
    assert.equal(result.plan.entries.length, desired.length, 'one entry per object');
    assert.ok(desired.length >= 2);
  });
});
