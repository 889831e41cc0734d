// Loading the common repository layouts (issue 13, Loading 1–6): kustomize bases, overlays and
// components, a Flux tree, a glob over a mixed tree, multi-document releases, and excludes. Each
// layout is a minimal repository of our own under test/fixtures/layouts/.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigurationError, ManifestError } from '../../../src/model/errors.js';
import { formatProblem } from '../../../src/model/problem.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { loadManifests } from '../../../src/load/manifest-loader.js';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import { viaPath } from '../../../src/objects/source-location.js';

const layouts = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/layouts');

async function load(layout: string, paths: string[], exclude: string[] = [], logger = new RecordingLogger()): Promise<DesiredObject[]> {
  return loadManifests({ workspace: path.join(layouts, layout), paths, exclude, logger });
}

async function problems(layout: string, paths: string[], exclude: string[] = []): Promise<string[]> {
  try {
    await load(layout, paths, exclude);
  } catch (error) {
    assert.ok(error instanceof ManifestError, `a ManifestError, not ${String(error)}`);
    return error.problems.map(formatProblem);
  }
  assert.fail('expected the manifests to be refused');
}

/** `Kind/namespace/name file:line` per object, sorted. */
function placed(objects: readonly DesiredObject[]): string[] {
  return objects.map((o) => `${o.object.kind}/${o.object.metadata.namespace ?? ''}/${o.object.metadata.name} ${o.source.file}:${o.source.line}`).sort();
}

describe('kustomize bases, overlays and components', () => {
  it('builds an overlay with its base and component, each object placed at the file and document that define it', async () => {
    const objects = await load('kustomize', ['overlays/prod']);
    assert.deepEqual(placed(objects), [
      'ConfigMap/prod/prod-monitor components/monitoring/monitor-config.yaml:1',
      'ConfigMap/prod/prod-web-config-hf678c7m2b base/kustomization.yaml:4',
      'Deployment/prod/prod-web base/deployment.yaml:1',
      'Service/prod/prod-web base/service.yaml:7',
      'ServiceAccount/prod/prod-web base/service.yaml:2',
    ]);
    assert.ok(
      objects.every((o) => viaPath(o.source, 'kustomization') === 'overlays/prod'),
      'the kustomization is kept on the source',
    );
  });

  it('never applies nor shows the origin annotation kustomize adds', async () => {
    const objects = await load('kustomize', ['overlays/prod']);
    assert.ok(!JSON.stringify(objects.map((o) => o.object)).includes('config.kubernetes.io/origin'));
    const deployment = objects.find((o) => o.object.kind === 'Deployment');
    assert.deepEqual(deployment?.object.metadata.annotations, { 'prometheus.io/scrape': 'true' }, "the component's own annotation stays");
    assert.equal(objects.find((o) => o.object.kind === 'Service')?.object.metadata.annotations, undefined, 'no empty annotations left behind');
  });

  it("leaves the user's files as they were", async () => {
    const before = readFileSync(path.join(layouts, 'kustomize/overlays/prod/kustomization.yaml'), 'utf8');
    await load('kustomize', ['overlays/prod']);
    assert.equal(readFileSync(path.join(layouts, 'kustomize/overlays/prod/kustomization.yaml'), 'utf8'), before);
    assert.deepEqual(readdirSync(path.join(layouts, 'kustomize/overlays/prod')).sort(), ['kustomization.yaml', 'patches', 'replicas.yaml']);
  });

  it('walks the overlays without building the component on its own, and notes it', async () => {
    const logger = new RecordingLogger();
    const walked = await load('kustomize', ['.'], ['base/**'], logger);
    assert.deepEqual([...new Set(walked.map((o) => viaPath(o.source, 'kustomization')))].sort(), ['overlays/dev', 'overlays/prod']);
    assert.equal(walked.length, 9, "dev: the base's 4 objects; prod: those 4 and the component's ConfigMap");
    assert.ok(logger.records.some((r) => r.message.includes("the kustomize Component 'components/monitoring'")));
  });

  it('refuses a path that is a Component, or holds only Components, saying what to point path at', async () => {
    assert.deepEqual(await problems('kustomize', ['components/monitoring']), [
      "path 'components/monitoring': 'components/monitoring' is a kustomize Component (kind: Component), which builds only inside a kustomization that lists it under components; point path at that kustomization",
    ]);
    assert.match((await problems('kustomize', ['components']))[0] ?? '', /^path 'components' holds only kustomize Components/);
  });
});

describe('a glob over a tree with kustomization directories', () => {
  it('never reads a kustomization file or a patch as a manifest: one problem per kustomization, naming the files and the path to use', async () => {
    assert.deepEqual(await problems('kustomize', ['**/*.yaml']), [
      "base/deployment.yaml:1: 'base/deployment.yaml' (a file in its directory), 'base/kustomization.yaml' (its kustomization file), 'base/service.yaml' (a file in its directory) belong to the kustomization 'base': point path at 'base' to build it, or exclude them; they are kustomize's input, not manifests to read one by one",
      "components/monitoring/kustomization.yaml:1: 'components/monitoring/kustomization.yaml' (its kustomization file), 'components/monitoring/monitor-config.yaml' (a file in its directory), 'components/monitoring/scrape-annotation.yaml' (a patch) belong to the kustomize Component 'components/monitoring', which builds only inside a kustomization that lists it under components: point path at that kustomization, or exclude them; they are kustomize's input, not manifests to read one by one",
      "overlays/dev/kustomization.yaml:1: 'overlays/dev/kustomization.yaml' (its kustomization file) belongs to the kustomization 'overlays/dev': point path at 'overlays/dev' to build it, or exclude it; it is kustomize's input, not manifests to read one by one",
      "overlays/prod/kustomization.yaml:1: 'overlays/prod/kustomization.yaml' (its kustomization file), 'overlays/prod/patches/resources.yaml' (a patch), 'overlays/prod/replicas.yaml' (a patch) belong to the kustomization 'overlays/prod': point path at 'overlays/prod' to build it, or exclude them; they are kustomize's input, not manifests to read one by one",
    ]);
  });

  it("reads the plain files of a mixed tree and refuses the kustomization's files, its patch in a subdirectory included", async () => {
    const p = await problems('mixed', ['**/*.yaml'], ['legacy/**']);
    assert.deepEqual(p, [
      "app/deployment.yaml:1: 'app/deployment.yaml' (a file in its directory), 'app/kustomization.yaml' (its kustomization file), 'app/patches/replicas.yaml' (a patch) belong to the kustomization 'app': point path at 'app' to build it, or exclude them; they are kustomize's input, not manifests to read one by one",
    ]);
    assert.deepEqual(placed(await load('mixed', ['plain/*.yaml', 'app'])), [
      'ConfigMap/default/plain plain/config.yaml:1',
      'Deployment/app/web app/deployment.yaml:1',
      'ServiceAccount/default/plain plain/role.yaml:1',
    ]);
  });

  it('refuses a patch a walk below its kustomization picks up', async () => {
    assert.match(
      (await problems('kustomize', ['overlays/prod/patches']))[0] ?? '',
      /^overlays\/prod\/patches\/resources\.yaml:1: 'overlays\/prod\/patches\/resources\.yaml' \(a patch\) belongs to the kustomization 'overlays\/prod': point path at 'overlays\/prod'/,
    );
  });

  it('walks a mixed tree: kustomization directories built whole, plain directories read file by file', async () => {
    assert.deepEqual(placed(await load('mixed', ['.'])), [
      'ConfigMap/default/plain plain/config.yaml:1',
      'ConfigMap/legacy/legacy legacy/config.yaml:1',
      'Deployment/app/web app/deployment.yaml:1',
      'ServiceAccount/default/plain plain/role.yaml:1',
    ]);
  });
});

describe('excludes apply to what is read', () => {
  it('excludes kustomization files from a glob of plain files and still loads the plain files', async () => {
    const objects = await load('mixed', ['plain/**/*.yaml', 'legacy/*.yaml'], ['**/kustomization.yaml', 'legacy/**']);
    assert.deepEqual(placed(objects), ['ConfigMap/default/plain plain/config.yaml:1', 'ServiceAccount/default/plain plain/role.yaml:1']);
  });

  it('excludes a kustomization directory by its kustomization file, whatever that file is called', async () => {
    const objects = await load('mixed', ['.'], ['**/kustomization.yml', 'app/**']);
    assert.deepEqual(placed(objects), ['ConfigMap/default/plain plain/config.yaml:1', 'ServiceAccount/default/plain plain/role.yaml:1']);
  });

  it('excludes a kustomization directory by its directory', async () => {
    assert.deepEqual(placed(await load('mixed', ['.'], ['app', 'legacy/**'])).length, 2);
  });

  it('refuses an exclude glob that cannot parse, naming the input', async () => {
    for (const glob of ['vendor/[abc', 'a/{b,c', '/etc/**', '../**', '']) {
      const error = await load('mixed', ['.'], [glob]).catch((e: unknown) => e);
      assert.ok(error instanceof ConfigurationError && !(error instanceof ManifestError), `${JSON.stringify(glob)}: ${String(error)}`);
      assert.equal(error.input, 'exclude');
      assert.ok(error.message.startsWith(`Input exclude: '${glob}' is not a valid glob: `), error.message);
    }
  });
});

describe('a Flux tree', () => {
  it('reads a Flux Kustomization saved as kustomization.yaml as a manifest and builds only real kustomizations', async () => {
    assert.deepEqual(placed(await load('flux', ['.'])), [
      'Deployment/web/web apps/web/deployment.yaml:1',
      'GitRepository/flux-system/platform clusters/prod/sources.yaml:1',
      'Kustomization/flux-system/apps clusters/prod/kustomization.yaml:2',
      'Kustomization/flux-system/infrastructure clusters/prod/kustomization.yaml:15',
      'Kustomization/flux-system/ingress infrastructure/kustomization.yaml:1',
      'Namespace//ingress infrastructure/namespace.yaml:1',
    ]);
  });

  it('reads a Flux Kustomization a glob picks up', async () => {
    assert.deepEqual(placed(await load('flux', ['clusters/**/*.yaml'])).length, 3);
  });
});

describe('multi-document releases', () => {
  it('loads every document and List item of a release at its own line', async () => {
    assert.deepEqual(placed(await load('releases', ['*.yaml'])), [
      'ConfigMap/web-release/web web-1.4.0.yaml:16',
      'CustomResourceDefinition//widgets.example.com crds.yaml:1',
      'Deployment/web-release/web web-1.4.0.yaml:25',
      'Namespace//web-release web-1.4.0.yaml:3',
      'ServiceAccount/web-release/web web-1.4.0.yaml:11',
      'Widget/web-release/first crds.yaml:18',
    ]);
  });
});

describe('kustomize failures', () => {
  it("shows kustomize's own error with workspace-relative paths and the command that ran, without warnings or klog noise", async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'kg-layout-'));
    cpSync(path.join(layouts, 'kustomize'), ws, { recursive: true });
    writeFileSync(path.join(ws, 'overlays/prod/kustomization.yaml'), 'resources:\n- ../../base\npatchesStrategicMerge:\n- missing.yaml\n');
    const error = await loadManifests({ workspace: ws, paths: ['overlays/prod'], exclude: [], logger: new RecordingLogger() }).catch((e: unknown) => e);
    assert.ok(error instanceof ManifestError);
    const [p] = error.problems.map(formatProblem);
    assert.match(
      p ?? '',
      /^overlays\/prod\/kustomization\.yaml:1: kustomize build of 'overlays\/prod' failed: `(kubectl kustomize|kustomize build) overlays\/prod` exited with 1: .*missing\.yaml/,
    );
    assert.ok(!p?.includes(ws) && !/deprecated|run\.go|command failed|kube-gitops-origins/.test(p ?? ''), p);
  });
});
