// Issue 26, item 3: one target applied by turns from a terminal (dist/cli.js) and by the Action
// (dist/index.js). Both record the same ApplySet tooling, so an unchanged set leaves the parent
// Secret as it is (its resourceVersion counts the writes); only a new commit writes it again.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GitRepo } from '../support/git-repo.js';
import { pushPayload, runAction } from '../support/run-action.js';
import { runCliBundle } from '../support/run-cli.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const settings = (ns: string, mode: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: ${ns}
data:
  mode: ${mode}
`;

describe('the CLI and the Action applying one target by turns (dist end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let kubeconfig: string;
  const ns = uniqueName('turns');
  const target = uniqueName('turns');
  const parent = `kube-gitops-${target}`;

  before(async () => {
    c = await testCluster();
    await c.kubectl(['create', 'namespace', ns]);
    repo = new GitRepo();
    kubeconfig = path.join(repo.dir, '..', `${path.basename(repo.dir)}.kubeconfig`);
    writeFileSync(kubeconfig, c.kubeconfigText, { mode: 0o600 });
  });
  after(async () => {
    repo.cleanup();
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  const cliApply = async (): Promise<void> => {
    const run = await runCliBundle(['apply', '--path', 'deploy', '--name', target, '--namespace', ns, '--kubeconfig', kubeconfig, '--yes'], { cwd: repo.dir });
    assert.equal(run.code, 0, run.stderr);
  };
  const actionApply = async (sha: string, before: string): Promise<void> => {
    const run = await runAction({
      event: 'push',
      payload: pushPayload({ before, after: sha }),
      workspace: repo.dir,
      sha,
      inputs: { mode: 'apply', path: 'deploy', name: target, namespace: ns, kubeconfig: c.kubeconfigText },
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
  };
  /** The parent's resourceVersion (it changes on every write) and the tooling it records. */
  const parentState = async (): Promise<{ version: string; tooling: string }> => {
    const out = await c.kubectl([
      'get',
      'secret',
      parent,
      '-n',
      ns,
      '-o',
      'jsonpath={.metadata.resourceVersion} {.metadata.annotations.applyset\\.kubernetes\\.io/tooling}',
    ]);
    const [version = '', tooling = ''] = out.trim().split(' ');
    return { version, tooling };
  };

  it('writes the parent once per commit, whichever front end applied it', async () => {
    repo.write('deploy/settings.yaml', settings(ns, 'fast'));
    const first = repo.commit('first');
    await cliApply();
    const afterCli = await parentState();
    assert.match(afterCli.tooling, /^kube-gitops\/\d+\.\d+\.\d+/, 'the tooling names the version, not the front end');

    await actionApply(first, '0'.repeat(40));
    assert.deepEqual(await parentState(), afterCli, 'the Action re-applying the same commit leaves the parent as the CLI wrote it');
    await cliApply();
    assert.deepEqual(await parentState(), afterCli, 'the CLI re-applying after the Action leaves it too');

    repo.write('deploy/settings.yaml', settings(ns, 'slow'));
    const second = repo.commit('second');
    await actionApply(second, first);
    const afterAction = await parentState();
    assert.notEqual(afterAction.version, afterCli.version, 'a new commit is new content: written');
    assert.equal(afterAction.tooling, afterCli.tooling);
    await cliApply();
    assert.deepEqual(await parentState(), afterAction, 'the CLI applying the commit the Action applied writes nothing');
  });
});
