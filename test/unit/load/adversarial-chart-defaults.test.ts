// Adversarial: a chart's `fail` (or `required`) message quoting the chart's own default values, with
// the real helm. Defaults in values.yaml (a third-party chart's default password) are hidden in the
// error like the values the HelmChart gives, and so are an unpacked subchart's.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ManifestError } from '../../../src/model/errors.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { loadManifests } from '../../../src/load/manifest-loader.js';
import { formatProblem } from '../../../src/model/problem.js';
import { withHelmOnPath } from '../../support/helm-binary.js';
import { fileTree } from '../../support/file-tree.js';

const DEFAULT_PASSWORD = 'chart-default-passw0rd';
const SUBCHART_TOKEN = 'subchart-default-t0ken';

function workspace(files: Record<string, string>): string {
  return fileTree(files, 'kube-gitops-chart-defaults-');
}

const chartYaml = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;
const helmChart = 'apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: app\n  namespace: apps\nspec:\n  chart: ../chart\n';

async function problemsOf(ws: string, paths = ['deploy']): Promise<string[]> {
  try {
    await loadManifests({ workspace: ws, paths, exclude: [], logger: new RecordingLogger(), namespace: 'apps' });
  } catch (error) {
    assert.ok(error instanceof ManifestError, `a ManifestError, not ${String(error)}`);
    return error.problems.map(formatProblem);
  }
  assert.fail('the load succeeded');
}

describe("a chart's own default values in helm's error messages", () => {
  let restorePath: () => void = () => undefined;
  const made: string[] = [];
  before(async () => {
    restorePath = await withHelmOnPath();
  });
  after(() => {
    restorePath();
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  it("hides a values.yaml default that a template's fail quotes", async () => {
    const ws = workspace({
      'deploy/app.yaml': helmChart,
      'chart/Chart.yaml': chartYaml('chart'),
      'chart/values.yaml': `defaultPassword: ${DEFAULT_PASSWORD}\n`,
      'chart/templates/secret.yaml': '{{ fail (printf "bad: %s" .Values.defaultPassword) }}\n',
    });
    made.push(ws);
    const problems = await problemsOf(ws);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^deploy\/app\.yaml:1: HelmChart\/app: helm template failed: .*bad: \(value hidden\)/);
    assert.ok(!(problems[0] ?? '').includes(DEFAULT_PASSWORD), problems[0]);
  });

  it("hides an unpacked subchart's default that its required message quotes", async () => {
    const ws = workspace({
      'deploy/app.yaml': helmChart,
      'chart/Chart.yaml': `${chartYaml('chart')}dependencies:\n- name: sub\n  version: 0.1.0\n`,
      'chart/values.yaml': 'enabled: true\n',
      'chart/charts/sub/Chart.yaml': chartYaml('sub'),
      'chart/charts/sub/values.yaml': `token: ${SUBCHART_TOKEN}\n`,
      'chart/charts/sub/templates/cm.yaml': '{{ required (printf "token %s needs a user" .Values.token) .Values.user }}\n',
    });
    made.push(ws);
    const problems = await problemsOf(ws);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /helm template failed: .*token \(value hidden\) needs a user/);
    assert.ok(!(problems[0] ?? '').includes(SUBCHART_TOKEN), problems[0]);
  });

  it("hides a kustomize helmCharts chart's defaults and inline values that its fail quotes", async () => {
    const ws = workspace({
      'k/kustomization.yaml': 'helmCharts:\n- name: app\n  releaseName: app\n  includeCRDs: true\n  valuesInline: {user: inline-user-s3cret}\n',
      'k/charts/app/Chart.yaml': chartYaml('app'),
      'k/charts/app/values.yaml': `defaultPassword: ${DEFAULT_PASSWORD}\n`,
      'k/charts/app/templates/secret.yaml': '{{ fail (printf "bad: %s for %s" .Values.defaultPassword .Values.user) }}\n',
    });
    made.push(ws);
    const problems = await problemsOf(ws, ['k']);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^k\/kustomization\.yaml:1: kustomize build of 'k' failed: .*bad: \(value hidden\) for \(value hidden\)/);
    for (const value of [DEFAULT_PASSWORD, 'inline-user-s3cret']) assert.ok(!(problems[0] ?? '').includes(value), problems[0]);
  });
});
