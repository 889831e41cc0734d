// dist/cli.js `kube-gitops preview` against the local control plane, in a git checkout with no
// GitHub at all: --pr applies the working tree into the preview namespace (labelled as the Action
// labels it, the same ApplySet), a re-run changes nothing, --delete removes every member and the
// namespace (404); --sweep --closed removes a closed pull request's preview and leaves an
// unlabelled namespace of the same name untouched; a namespace of the name that is not the
// preview's is refused, as the Action refuses it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GitRepo } from '../support/git-repo.js';
import { runCliBundle } from '../support/run-cli.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-settings
  namespace: kube-system
data:
  greeting: hello
`;

interface Live {
  metadata: { resourceVersion: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

describe('kube-gitops preview (dist/cli.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let kubeconfig: string;
  const prefix = uniqueName('cp');
  const leftovers: string[] = [];
  const cli = (...args: string[]) =>
    runCliBundle(['preview', '--preview-prefix', prefix, '-f', 'deploy', '--kubeconfig', kubeconfig, '--repository', 'octo-org/shop', '--yes', ...args], {
      cwd: repo.dir,
    });

  before(async () => {
    c = await testCluster();
    repo = new GitRepo();
    repo.write('deploy/app.yaml', MANIFEST);
    repo.commit('manifests');
    kubeconfig = path.join(repo.dir, '..', `${path.basename(repo.dir)}.kubeconfig`);
    writeFileSync(kubeconfig, c.kubeconfigText, { mode: 0o600 });
  });
  after(async () => {
    repo.cleanup();
    for (const ns of leftovers) await c.kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']);
  });

  async function read(kind: string, name: string, ns?: string): Promise<Live | undefined> {
    try {
      return JSON.parse(await c.kubectl(['get', kind, name, ...(ns ? ['-n', ns] : []), '-o', 'json'])) as Live;
    } catch (error) {
      if (String(error).includes('NotFound')) return undefined;
      throw error;
    }
  }

  it('--pr applies the working tree into the preview namespace; --delete removes every member and the namespace', async () => {
    const ns = `${prefix}-pr-61`;
    leftovers.push(ns);
    const applied = await cli('--pr', '61');
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    assert.match(applied.stderr, new RegExp(`Preview of pull request #61: namespace ${ns}\\.`));
    const namespace = await read('namespace', ns);
    assert.equal(namespace?.metadata.labels?.['kube-gitops.io/preview'], 'true');
    assert.equal(namespace?.metadata.annotations?.['kube-gitops.io/preview-repository'], 'octo-org/shop');
    const settings = await read('configmap', 'web-settings', ns);
    assert.ok(settings, 'the ConfigMap is in the preview namespace');
    assert.equal(await read('configmap', 'web-settings', 'kube-system'), undefined, 'not where the manifest says');
    assert.ok(await read('secret', `kube-gitops-${ns}`, ns), 'the preview’s own ApplySet parent');

    const again = await cli('--pr', '61');
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal((await read('configmap', 'web-settings', ns))?.metadata.resourceVersion, settings.metadata.resourceVersion, 'a re-run writes nothing');

    const deleted = await cli('--pr', '61', '--delete');
    assert.equal(deleted.code, 0, deleted.stdout + deleted.stderr);
    assert.match(deleted.stderr, new RegExp(`Removed the preview ${ns}: \\d+ object\\(s\\) deleted\\.`));
    assert.equal(await read('configmap', 'web-settings', ns), undefined);
    assert.equal(await read('namespace', ns), undefined);
  });

  it('--sweep --closed removes the closed pull request’s preview and leaves an unlabelled namespace of a preview’s name alone', async () => {
    const gone = `${prefix}-pr-62`;
    const open = `${prefix}-pr-63`;
    const unlabelled = `${prefix}-pr-64`;
    leftovers.push(gone, open, unlabelled);
    for (const n of ['62', '63']) assert.equal((await cli('--pr', n)).code, 0);
    await c.kubectl(['create', 'namespace', unlabelled]);
    await c.kubectl(['create', 'configmap', 'precious', '-n', unlabelled, '--from-literal=keep=me']);
    const before = await read('configmap', 'precious', unlabelled);

    const refused = await cli('--pr', '64');
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, new RegExp(`The namespace ${unlabelled} exists but is not this pull request's preview`));

    const sweep = await cli('--sweep', '--closed', '62,64');
    assert.equal(sweep.code, 0, sweep.stdout + sweep.stderr);
    assert.match(sweep.stdout, new RegExp(`^swept  ${gone}: pull request #62 was closed$`, 'm'));
    assert.match(sweep.stdout, new RegExp(`^live   ${open}: pull request #63 is open`, 'm'));
    assert.equal(await read('namespace', gone), undefined);
    assert.ok(await read('configmap', 'web-settings', open));
    assert.equal((await read('configmap', 'precious', unlabelled))?.metadata.resourceVersion, before?.metadata.resourceVersion);

    const nothing = await cli('--sweep');
    assert.notEqual(nothing.code, 0);
    assert.match(nothing.stderr, /cannot ask GitHub which pull requests are closed: pass --closed N,N… or --ttl-only/);
  });
});
