// A pull request author controls every file of a local chart. helm reads templates, `.Files`
// data, charts/ and file:// dependencies itself, following symlinks: each test links one of them
// to a file outside the workspace that holds a marker, and checks that the load is refused
// naming the chart file and the link's target, with the marker nowhere in what the run shows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ManifestError } from '../../../src/model/errors.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { kustomizationReads } from '../../../src/load/sources/kustomize/kustomization-reads.js';
import { loadManifests } from '../../../src/load/manifest-loader.js';
import { openWorkspace } from '../../../src/load/workspace-boundary.js';
import { formatProblem } from '../../../src/model/problem.js';
import { helmForSuite } from '../../support/helm-binary.js';

const MARKER = 'MARKER-5f3a9c-outside-the-workspace';
const HELM_CHART = 'apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: app\n  namespace: apps\nspec:\n  chart: ../charts/app\n';
const CONFIG_MAP = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak\ndata:\n  stolen: ${MARKER}\n`;

interface Layout {
  /** The workspace: deploy/app.yaml (the HelmChart) and charts/app (the chart). */
  ws: string;
  /** A directory beside it, outside the workspace, holding the marker. */
  outside: string;
}

function chartAt(dir: string, name: string, template = ''): void {
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  writeFileSync(path.join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  if (template) writeFileSync(path.join(dir, 'templates', 'cm.yaml'), template);
}

function layoutIn(root: string): Layout {
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  mkdirSync(path.join(ws, 'deploy'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(ws, 'deploy', 'app.yaml'), HELM_CHART);
  chartAt(path.join(ws, 'charts', 'app'), 'app');
  writeFileSync(path.join(outside, 'leak.yaml'), CONFIG_MAP);
  writeFileSync(path.join(outside, 'secret.txt'), `${MARKER}\n`);
  chartAt(path.join(outside, 'ext'), 'ext', CONFIG_MAP);
  return { ws, outside };
}

/** charts/app declares the dependency ext at `repository`. */
function dependOn(ws: string, repository: string): void {
  const chart = `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: ext\n    version: 0.1.0\n    repository: ${repository}\n`;
  writeFileSync(path.join(ws, 'charts/app/Chart.yaml'), chart);
}

/** The load's problems, formatted; fails the test when the load succeeds. Asserts the marker is in no problem and no log line. */
async function refusal(ws: string): Promise<string> {
  const logger = new RecordingLogger();
  const error = await loadManifests({ workspace: ws, paths: ['deploy'], exclude: [], logger, namespace: 'apps' }).then(
    (objects) => assert.fail(`the load succeeded: ${JSON.stringify(objects.map((o) => o.object))}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ManifestError, String(error));
  const text = error.problems.map(formatProblem).join('\n');
  assert.ok(!text.includes(MARKER), `the marker is in the problems: ${text}`);
  assert.ok(!JSON.stringify(logger.records).includes(MARKER), 'the marker is in the log');
  return text;
}

describe('files of a chart from outside the workspace', () => {
  const { made } = helmForSuite();

  function layout(): Layout {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-chart-files-'));
    made.push(root);
    return layoutIn(root);
  }

  it('refuses a template that is a symlink to a file outside the workspace, naming it and its target', async () => {
    const { ws, outside } = layout();
    symlinkSync(path.join(outside, 'leak.yaml'), path.join(ws, 'charts/app/templates/leak.yaml'));
    const text = await refusal(ws);
    assert.match(
      text,
      /^deploy\/app\.yaml:1: HelmChart\/app: the chart file 'charts\/app\/templates\/leak\.yaml' is a symlink to .*outside[/]leak\.yaml, outside the workspace/m,
    );
  });

  it('refuses a .Files.Get data file that is a symlink to a file outside the workspace', async () => {
    const { ws, outside } = layout();
    writeFileSync(
      path.join(ws, 'charts/app/templates/cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: data\ndata:\n  read: {{ .Files.Get "files/secret.txt" | quote }}\n',
    );
    mkdirSync(path.join(ws, 'charts/app/files'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'charts/app/files/secret.txt'));
    const text = await refusal(ws);
    assert.match(text, /the chart file 'charts\/app\/files\/secret\.txt' is a symlink to .*outside[/]secret\.txt, outside the workspace/);
  });

  it('refuses a link inside charts/ to a subchart outside the workspace', async () => {
    const { ws, outside } = layout();
    mkdirSync(path.join(ws, 'charts/app/charts'));
    symlinkSync(path.join(outside, 'ext'), path.join(ws, 'charts/app/charts/ext'));
    const text = await refusal(ws);
    assert.match(text, /the chart file 'charts\/app\/charts\/ext' is a symlink to .*outside[/]ext, outside the workspace/);
  });

  it('refuses a file:// dependency that leaves the workspace, naming the Chart.yaml and the dependency', async () => {
    const { ws } = layout();
    dependOn(ws, 'file://../../../outside/ext');
    const text = await refusal(ws);
    assert.match(
      text,
      /'charts\/app\/Chart\.yaml' names the dependency 'ext' at file:\/\/\.\.\/\.\.\/\.\.\/outside\/ext, which is .*outside[/]ext, outside the workspace/,
    );
  });

  it('refuses a file:// dependency inside the workspace that is a symlink to a chart outside it', async () => {
    const { ws, outside } = layout();
    symlinkSync(path.join(outside, 'ext'), path.join(ws, 'ext-link'));
    dependOn(ws, 'file://../../ext-link');
    const text = await refusal(ws);
    assert.match(
      text,
      /'charts\/app\/Chart\.yaml' names the dependency 'ext' at file:\/\/\.\.\/\.\.\/ext-link, and 'ext-link' is a symlink to .*outside[/]ext, outside the workspace/,
    );
  });

  it('resolves a relative file:// dependency from the chart in the workspace, never from the temporary copy helm builds in', async () => {
    const { ws, outside } = layout();
    // helm builds dependencies in a temporary copy of the chart: were the copy at <tmp>/kube-gitops-chart-*/app,
    // ../../<root>/outside/ext would be the real chart outside; from charts/app it is a decoy inside.
    const escape = `../../${path.basename(path.dirname(outside))}/outside/ext`;
    chartAt(path.resolve(ws, 'charts/app', escape), 'ext', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: decoy\n');
    dependOn(ws, `file://${escape}`);
    const objects = await loadManifests({ workspace: ws, paths: ['deploy'], exclude: [], logger: new RecordingLogger(), namespace: 'apps' });
    assert.deepEqual(
      objects.map((o) => o.object.metadata.name),
      ['decoy'],
    );
    assert.ok(!JSON.stringify(objects).includes(MARKER));
  });

  it('refuses a dangling link, a link loop and a named pipe inside a chart', async () => {
    const dangling = layout();
    symlinkSync('nowhere.yaml', path.join(dangling.ws, 'charts/app/templates/gone.yaml'));
    assert.match(await refusal(dangling.ws), /the chart file 'charts\/app\/templates\/gone\.yaml' is a symlink to 'nowhere\.yaml', which does not exist/);
    const loop = layout();
    symlinkSync('..', path.join(loop.ws, 'charts/app/templates/up'));
    assert.match(await refusal(loop.ws), /the chart file 'charts\/app\/templates\/up' is a symlink to 'charts\/app', a directory that contains the link/);
    const fifo = layout();
    execFileSync('mkfifo', [path.join(fifo.ws, 'charts/app/templates/pipe.yaml')]);
    assert.match(await refusal(fifo.ws), /the chart file 'charts\/app\/templates\/pipe\.yaml' is a named pipe \(FIFO\), not a regular file/);
  });

  it('still renders a chart whose links stay inside the workspace', async () => {
    const { ws } = layout();
    mkdirSync(path.join(ws, 'shared'));
    writeFileSync(path.join(ws, 'shared/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  a: b\n');
    symlinkSync('../../../shared/cm.yaml', path.join(ws, 'charts/app/templates/shared.yaml'));
    const objects = await loadManifests({ workspace: ws, paths: ['deploy'], exclude: [], logger: new RecordingLogger(), namespace: 'apps' });
    assert.deepEqual(
      objects.map((o) => o.object.metadata.name),
      ['shared'],
    );
  });

  it("refuses a kustomization's helmCharts chart home holding a template linked outside the workspace", async () => {
    const { ws, outside } = layout();
    mkdirSync(path.join(ws, 'kz/charts/app/templates'), { recursive: true });
    writeFileSync(path.join(ws, 'kz/kustomization.yaml'), 'helmCharts:\n  - name: app\n    releaseName: app\n');
    writeFileSync(path.join(ws, 'kz/charts/app/Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    symlinkSync(path.join(outside, 'leak.yaml'), path.join(ws, 'kz/charts/app/templates/leak.yaml'));
    const found = await kustomizationReads(path.join(ws, 'kz'), await openWorkspace(ws));
    assert.ok('problem' in found, 'refused');
    assert.match(
      found.problem,
      /^the kustomization 'kz' inflates helmCharts from its chart home, and the chart file 'kz\/charts\/app\/templates\/leak\.yaml' is a symlink to .*outside[/]leak\.yaml, outside the workspace/,
    );
    assert.ok(!found.problem.includes(MARKER));
  });
});
