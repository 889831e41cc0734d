import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ManifestError } from '../../../src/model/errors.js';
import { formatProblem } from '../../../src/model/problem.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { loadManifests } from '../../../src/load/manifest-loader.js';
import { viaPath } from '../../../src/objects/source-location.js';

const corpus = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../shared/corpus');

async function load(set: string, paths: string[], exclude: string[] = [], logger = new RecordingLogger()) {
  return loadManifests({ workspace: path.join(corpus, set), paths, exclude, logger });
}

async function problems(set: string, paths: string[], exclude: string[] = []): Promise<string[]> {
  try {
    await load(set, paths, exclude);
  } catch (error) {
    if (error instanceof ManifestError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe('loading the real-world corpus', () => {
  it('kube-prometheus through its kustomization: 131 objects, Lists expanded', async () => {
    const objects = await load('kube-prometheus', ['.']);
    assert.equal(objects.length, 131);
    assert.ok(objects.every((o) => viaPath(o.source, 'kustomization') === '.'));
    assert.equal(objects.filter((o) => o.object.kind === 'CustomResourceDefinition').length, 10);
    assert.ok(!objects.some((o) => o.object.kind.endsWith('List')));
  });

  it('kube-prometheus as a plain directory: 95 documents with 3 Lists of 39 items make 131 objects', async () => {
    const objects = await load('kube-prometheus', ['manifests']);
    assert.equal(objects.length, 131);
    assert.ok(objects.every((o) => o.source.file.startsWith('manifests/') && o.source.line >= 1));
  });

  it('podinfo, the operator bundle and ingress-nginx load with the counts their provenance gives', async () => {
    assert.equal((await load('podinfo', ['kustomize'])).length, 3);
    assert.equal((await load('prometheus-operator-bundle', ['.'])).length, 15, '9 empty documents skipped');
    assert.equal((await load('ingress-nginx', ['.'])).length, 19);
  });

  it('argocd-guestbook: each kustomization and the plain directory', async () => {
    assert.deepEqual((await load('argocd-guestbook', ['test/e2e/testdata/guestbook'])).map((o) => o.object.kind).sort(), ['Deployment', 'Service']);
    const crd = await load('argocd-guestbook', ['test/e2e/testdata/crd-creation']);
    assert.ok(crd.some((o) => o.object.kind === 'CustomResourceDefinition'));
    const gen = await load('argocd-guestbook', ['test/e2e/testdata/kustomize-cm-gen']);
    assert.equal(gen.length, 1);
    assert.match(gen[0]!.object.metadata.name, /-[a-z0-9]{10}$/, 'hash-suffixed generated ConfigMap');
    assert.equal((await load('argocd-guestbook', ['test/e2e/testdata/guestbook-with-plain-namespace-manifest'])).length, 3);
  });

  it('cert-manager: the Namespace defined twice is refused naming both files, the rest loads', async () => {
    const p = await problems('cert-manager-crds', ['.']);
    assert.equal(p.length, 1);
    assert.match(p[0]!, /Namespace\/cert-manager is defined twice: at deploy\/manifests\/01-namespace\.yaml:\d+ and at deploy\/manifests\/namespace\.yaml:1/);
    assert.equal((await load('cert-manager-crds', ['.'], ['deploy/manifests/namespace.yaml'])).length, 7);
  });

  it('kubectl testdata: generateName refused, List and ConfigMapList expanded, live-dumped fields dropped with a warning', async () => {
    const p = await problems('kubectl-testdata', ['.']);
    assert.ok(p.some((x) => /testdata\/apply\/pod-generated-name\.yaml:\d+: Pod has metadata\.generateName 'testing-' but no metadata\.name/.test(x)));
    assert.ok(
      p.some((x) => /ReplicationController\/test-rc is defined twice: at testdata\/apply\/rc-service\.yaml:\d+ and at testdata\/apply\/rc\.json:1/.test(x)),
    );
    const logger = new RecordingLogger();
    const objects = await load('kubectl-testdata', ['.'], ['testdata/apply/pod-generated-name.yaml', 'testdata/apply/rc.json'], logger);
    assert.equal(objects.length, 9);
    assert.ok(
      logger.records.some(
        (r) =>
          r.level === 'warning' &&
          /dropped server-populated fields \(status, metadata\.resourceVersion, metadata\.uid, metadata\.creationTimestamp/.test(r.message) &&
          r.location?.file === 'testdata/apply/deploy-serverside.yaml',
      ),
    );
    const dep = objects.find((o) => o.source.file === 'testdata/apply/deploy-serverside.yaml')!;
    assert.equal(dep.object.status, undefined);
  });

  it('k8s-examples: duplicates named with both places; 58 objects once the alternatives are excluded', async () => {
    const p = await problems('k8s-examples', ['.']);
    assert.ok(p.some((x) => /ServiceMonitor\.monitoring\.coreos\.com\/monitoring\/nvidia-dcgm-exporter-servicemonitor is defined twice/.test(x)));
    const objects = await load(
      'k8s-examples',
      ['.'],
      [
        '_archived/podsecuritypolicy/rbac/pod_priv.yaml',
        '_archived/storage/minio/minio-standalone-service.yaml',
        'AI/vllm-deployment/hpa/gpu-service-monitor-gke.yaml',
        'web/guestbook/all-in-one/frontend.yaml',
        'web/guestbook/all-in-one/redis-replica.yaml',
        'web/guestbook/all-in-one/guestbook-all-in-one.yaml',
      ],
    );
    assert.equal(objects.length, 58, '71 documents less the 13 in the excluded alternative files; the 0-byte secret.json is skipped');
  });

  it('gke-samples: the unrendered {{HF_TOKEN}} placeholder is refused at its line and column; overlays build, patch files are not read raw', async () => {
    const p = await problems('gke-samples', ['ai-ml']);
    assert.deepEqual(p, [
      'ai-ml/llm-serving-llama/vllm/vllm-llama4-scout-17b-16e.yaml:96:17: a mapping key is not a string (an unrendered template placeholder such as {{TOKEN}}?); render the template before committing, or quote the value',
    ]);
    const objects = await load(
      'gke-samples',
      ['.'],
      [
        '**/vllm/**',
        'cost-optimization/gke-scheduled-autoscaler/k8s/scheduled-autoscaler/**',
        'workloads/migrate-x86-app-to-multi-arch/k8s/overlays/x86_increase_replicas/**',
      ],
    );
    assert.equal(objects.length, 35);
    assert.ok(objects.some((o) => viaPath(o.source, 'kustomization') === 'quickstarts/whereami/k8s-frontend-overlay-example'));
    assert.ok(
      !objects.some((o) => o.source.file.includes('k8s-frontend-overlay-example/') && !viaPath(o.source, 'kustomization')),
      'no overlay file read one by one',
    );
  });
});

describe('refusing bad input, every case with file and line', () => {
  function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-load-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  async function refuse(files: Record<string, string>, paths = ['.']): Promise<string[]> {
    try {
      await loadManifests({ workspace: workspace(files), paths, exclude: [], logger: new RecordingLogger() });
    } catch (error) {
      assert.ok(error instanceof ManifestError, `a ManifestError, not ${String(error)}`);
      return error.problems.map(formatProblem);
    }
    assert.fail('expected the manifests to be refused');
  }

  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata: {a: "1"}\n';
  // A file that holds no object is refused when `path` names it (a walk skips it: non-manifest-files.test.ts).
  const cases: [string, Record<string, string>, RegExp, string[]?][] = [
    ['an unclosed flow sequence', { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n' }, /^a\.yaml:\d+:\d+: YAML syntax error/],
    ['a bad indentation', { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   labels: y\n' }, /^a\.yaml:5:\d+: YAML syntax error/],
    ['a tab used for indentation', { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n' }, /^a\.yaml:4:\d+: YAML syntax error/],
    ['a syntax error in the second document, on its own line', { 'a.yaml': `${cm}---\nkind: [\n` }, /^a\.yaml:7:\d+: YAML syntax error/],
    ['a document that is a list', { 'a.yaml': '- a\n- b\n' }, /^a\.yaml:1: the document is a list, not a Kubernetes object/, ['a.yaml']],
    ['a document that is a string', { 'a.yaml': 'just text\n' }, /^a\.yaml:1: the document is a string/, ['a.yaml']],
    [
      'an unrendered placeholder as a key',
      { 'a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  token: {{TOKEN}}\n' },
      /^a\.yaml:6:\d+: a mapping key is not a string/,
    ],
    ['a missing apiVersion', { 'a.yaml': 'kind: ConfigMap\nmetadata:\n  name: x\n' }, /^a\.yaml:1: ConfigMap\/x: missing or not a string: apiVersion/],
    ['a missing kind', { 'a.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n' }, /missing or not a string: kind/],
    ['a missing metadata', { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\n' }, /missing or not a string: metadata/],
    [
      'a missing metadata.name',
      { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n' },
      /^a\.yaml:1: ConfigMap: metadata\.name is missing/,
    ],
    ['a numeric kind', { 'a.yaml': 'apiVersion: v1\nkind: 5\nmetadata:\n  name: x\n' }, /missing or not a string: kind/],
    ['an empty apiVersion', { 'a.yaml': 'apiVersion: ""\nkind: ConfigMap\nmetadata:\n  name: x\n' }, /missing or not a string: apiVersion/],
    [
      'generateName without name',
      { 'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\n' },
      /generateName 'web-' but no metadata\.name: .* cannot be managed declaratively/,
    ],
    ['a non-string namespace', { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: 7\n' }, /metadata\.namespace must be a string/],
    ['the same object in two files', { 'a.yaml': cm, 'b.yaml': cm }, /^b\.yaml:1: ConfigMap\/ok is defined twice: at a\.yaml:1 and at b\.yaml:1/],
    ['the same object twice in one file', { 'a.yaml': `${cm}---\n${cm}` }, /^a\.yaml:7: ConfigMap\/ok is defined twice: at a\.yaml:1 and at a\.yaml:7/],
    [
      'a bad item inside a List',
      {
        'a.yaml':
          'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- kind: ConfigMap\n  metadata:\n    name: b\n',
      },
      /^a\.yaml:8: ConfigMap\/b: missing or not a string: apiVersion/,
    ],
    ['invalid JSON', { 'a.json': '{"apiVersion": "v1", "kind": "ConfigMap",, }' }, /^a\.json:1:\d+: YAML syntax error/],
    [
      'one object built by a base and three overlays of it, once, naming the kustomizations',
      {
        'base/kustomization.yaml': 'resources:\n- cm.yaml\n',
        'base/cm.yaml': cm,
        'overlays/a/kustomization.yaml': 'resources:\n- ../../base\n',
        'overlays/b/kustomization.yaml': 'resources:\n- ../../base\n',
        'overlays/c/kustomization.yaml': 'resources:\n- ../../base\n',
      },
      /^base\/cm\.yaml:1: ConfigMap\/ok is defined 4 times: the kustomizations base, overlays\/a, overlays\/b, overlays\/c each build it from base\/cm\.yaml:1\. Build one of them per target/,
    ],
    [
      'a kustomize build failure',
      { 'k/kustomization.yaml': 'resources:\n- missing.yaml\n' },
      /^k\/kustomization\.yaml:1: kustomize build of 'k' failed: .*missing\.yaml/,
    ],
  ];
  for (const [what, files, expected, paths] of cases) {
    it(`refuses ${what}`, async () => {
      const p = await refuse(files, paths);
      assert.ok(
        p.some((x) => expected.test(x)),
        `${expected} in ${JSON.stringify(p)}`,
      );
      assert.equal(new Set(p).size, p.length, `no problem said twice: ${JSON.stringify(p)}`);
      assert.ok(p.filter((x) => / is defined /.test(x)).length <= 1, `one problem per duplicated object: ${JSON.stringify(p)}`);
    });
  }

  it('reports every problem of a run at once: a hook the plan refuses comes with a load error (not in a second round)', async () => {
    const p = await refuse({
      'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: p-\n',
      'b.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sync\n  annotations:\n    argocd.argoproj.io/hook: Sync\n',
    });
    assert.ok(
      p.some((x) => /^a\.yaml:1: .*generateName/.test(x)),
      JSON.stringify(p),
    );
    assert.ok(
      p.some((x) => /^b\.yaml:1: .*Sync/.test(x)),
      JSON.stringify(p),
    );
  });

  it('refuses a path that matches nothing, naming it', async () => {
    const p = await refuse({ 'a.yaml': cm }, ['deploy/', 'a.yaml']);
    assert.deepEqual(p.length, 1);
    assert.match(p[0]!, /path 'deploy\/' matches no manifest/);
  });

  it('refuses a path outside the workspace', async () => {
    const p = await refuse({ 'a.yaml': cm }, ['../../etc/passwd']);
    assert.match(p.join('\n'), /outside the workspace/);
  });

  it('reports every problem of a run together, not only the first', async () => {
    const p = await refuse({ 'a.yaml': 'kind: [\n', 'b.yaml': '- x\n', 'c.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {generateName: p-}\n' }, [
      'a.yaml',
      'b.yaml',
      'c.yaml',
    ]);
    assert.equal(p.length, 3);
    assert.deepEqual(
      p.map((x) => x.split(':')[0]),
      ['a.yaml', 'b.yaml', 'c.yaml'],
    );
  });

  it('skips empty documents and comment-only files, and reads globs and excludes', async () => {
    const dir = workspace({
      'a/one.yaml': `---\n# c\n---\n${cm}---\n`,
      'a/empty.yml': '',
      'a/comments.yaml': '# nothing\n',
      'a/skip/two.yaml': cm.replace('ok', 'two'),
      'b.txt': 'not yaml',
    });
    const objects = await loadManifests({ workspace: dir, paths: ['a/**/*.yaml'], exclude: ['a/skip/**'], logger: new RecordingLogger() });
    assert.deepEqual(
      objects.map((o) => [o.source.file, o.source.line, o.object.metadata.name]),
      [['a/one.yaml', 4, 'ok']],
    );
  });
});
