// `target: NAME`: one entry of the targets file read through the inputs' own parser, in layers
// (step > entry > defaults > action.yml), every refusal of a file value at its file:line; and the
// checks across targets (one path into one namespace on one cluster, paths that reach nothing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettings } from '../../../src/settings/read-settings.js';
import { assertRefused, cleanWorkspacesAfterEach, fleetOf, targetsWorkspace } from '../../support/targets-workspace.js';

cleanWorkspacesAfterEach();

const FILE = `defaults:
  namespace: shared
  prune: false
  timeout: 2m
targets:
  - name: web
    path: a
    namespace: web
    concurrency: 4
    environment: production
  - name: jobs
    path: b
`;

function settingsOf(workspace: string, step: Record<string, string>, given?: (name: string) => boolean) {
  return readSettings((name) => step[name] ?? '', { GITHUB_WORKSPACE: workspace }, given);
}

const refusedAt = (yaml: string, line: number, message: RegExp, target = 'a') =>
  assertRefused(() => settingsOf(targetsWorkspace(yaml), { target }), `kube-gitops.yaml:${line}: `, message);

describe('a target from the targets file', () => {
  it('takes a value from the step, else the entry, else defaults, else action.yml', () => {
    const ws = targetsWorkspace(FILE);
    const web = settingsOf(ws, { target: 'web' });
    assert.deepEqual(
      [web.target, web.environment, web.paths, web.namespace, web.inventoryNamespace, web.concurrency, web.prune, web.timeoutMs, web.wait],
      ['web', 'production', ['a'], 'web', 'web', 4, false, 120_000, true],
    );
    const jobs = settingsOf(ws, { target: 'jobs', concurrency: '2', namespace: 'override' });
    assert.deepEqual([jobs.target, jobs.environment, jobs.namespace, jobs.concurrency, jobs.prune], ['jobs', undefined, 'override', 2, false]);
  });

  it("counts a step value equal to action.yml's default as not given (the runner fills in defaults), unless the reader knows it was given", () => {
    const ws = targetsWorkspace(FILE);
    const runnerStep = { target: 'web', prune: 'true', namespace: 'default', concurrency: '8', timeout: '5m' };
    const fromRunner = settingsOf(ws, runnerStep);
    assert.deepEqual([fromRunner.prune, fromRunner.namespace, fromRunner.concurrency, fromRunner.timeoutMs], [false, 'web', 4, 120_000]);
    const fromFlags = settingsOf(ws, { target: 'web', prune: 'true' }, (name) => name === 'prune');
    assert.deepEqual([fromFlags.prune, fromFlags.namespace], [true, 'web']);
  });

  it('does not read the targets file without the target input, even a broken one', () => {
    const ws = targetsWorkspace('targets: [not: a: mapping\n');
    assert.equal(settingsOf(ws, { name: 'solo' }).target, 'solo');
  });

  it('refuses an unknown target and lists the targets the file has', () => {
    assertRefused(
      () => settingsOf(targetsWorkspace(FILE), { target: 'api' }),
      'Input \'target\': kube-gitops.yaml has no target "api"',
      /its targets are web, jobs\.$/,
    );
  });

  it('refuses a name on the step that is not the target', () => {
    assertRefused(
      () => settingsOf(targetsWorkspace(FILE), { target: 'web', name: 'other' }),
      "Input 'name' is 'other', but input 'target' is 'web'",
      /leave 'name' out/,
    );
  });

  it("refuses a file value that the inputs' parser refuses, at the value's line, naming the field", () => {
    refusedAt(
      'targets:\n  - name: a\n    path: a\n    namespace: Bad_NS\n',
      4,
      /^kube-gitops\.yaml:4: field 'namespace' must be a DNS label .*; got 'Bad_NS'\.$/,
    );
    refusedAt('defaults:\n  concurrency: 100\ntargets:\n  - name: a\n    path: a\n', 2, /field 'concurrency' must be a whole number from 1 to 64; got '100'/);
    refusedAt('targets:\n  - name: a\n    path: a\n    timeout: soon\n', 4, /field 'timeout' must be a duration such as 90s/);
    refusedAt('targets:\n  - name: a\n    path: a\n    wait: yes\n', 4, /field 'wait' must be true or false; got 'yes'/);
    refusedAt('targets:\n  - name: Web_1\n    path: a\n', 2, /field 'name' must be a DNS label/, 'Web_1');
    refusedAt('targets:\n  - name: a\n    path: a\n    exclude: ["../x"]\n', 4, /exclude: '\.\.\/x' is not a valid glob: it leaves the workspace/);
  });

  it('leaves a refused step value named as the input, without a file line', () => {
    assertRefused(() => settingsOf(targetsWorkspace(FILE), { target: 'web', concurrency: '0' }), "Input 'concurrency' must be a whole number", /got '0'/);
  });

  it('checks every target of the file, not only the one run', () => {
    refusedAt(`${FILE}  - name: broken\n    path: a\n    namespace: x\n    timeout: never\n`, 16, /field 'timeout' must be a duration/, 'web');
  });

  it('refuses two targets on one cluster that list the same path into the same namespace', () => {
    const twice = 'targets:\n  - name: a\n    path: a/\n    kubeconfig-secret: KUBE\n  - name: b\n    path: [b, ./a]\n    kubeconfig-secret: KUBE\n';
    refusedAt(
      twice,
      6,
      /field 'path': targets "a" and "b" both list path "\.\/a" into namespace 'default' on the same cluster \(kubeconfig-secret "KUBE", context ""\): they would manage the same objects/,
    );
    assert.equal(fleetOf(twice.replace('kubeconfig-secret: KUBE\n  - name: b', 'kubeconfig-secret: OTHER\n  - name: b')).length, 2, 'another cluster');
    assert.equal(fleetOf(twice.replace('[b, ./a]', '[b, ./a]\n    namespace: other')).length, 2, 'another namespace');
    assert.equal(fleetOf(twice.replace('[b, ./a]', '[b, ./a]\n    context: eu')).length, 2, 'another context');
  });

  it('refuses a path that matches nothing, or leaves the workspace, at the line of the path', () => {
    refusedAt('targets:\n  - name: a\n    path: [a, c]\n', 3, /field 'path': path "c" matches nothing in the workspace/);
    refusedAt('defaults:\n  path: "*.yml"\ntargets:\n  - name: a\n', 2, /field 'path': path "\*\.yml" matches nothing/);
    refusedAt('targets:\n  - name: a\n    path: ../../etc\n', 3, /field 'path': path "\.\.\/\.\.\/etc" points outside the workspace/);
    refusedAt('targets:\n  - name: a\n    path: /etc\n', 3, /field 'path': path "\/etc" is absolute; paths are relative to the workspace/);
  });
});
