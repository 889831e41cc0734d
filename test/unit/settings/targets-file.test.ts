// The targets file's shape: every refusal at file:line, naming the field and what it must be.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrixEntries } from '../../../src/settings/fleet-targets.js';
import { assertRefused, cleanWorkspacesAfterEach, fleetOf } from '../../support/targets-workspace.js';

cleanWorkspacesAfterEach();

const refusedAt = (yaml: string, line: number, message: RegExp) => assertRefused(() => fleetOf(yaml), `kube-gitops.yaml:${line}: `, message);

describe('the targets file', () => {
  it('gives the matrix entries in file order, with only the fields each target has', () => {
    const targets = fleetOf(
      'defaults:\n  kubeconfig-secret: KUBE_STAGING\ntargets:\n  - name: b\n    path: b\n    environment: staging\n    ring: 1\n  - name: a\n    path: [a]\n    kubeconfig-secret: KUBE_PROD\n',
    );
    assert.deepEqual(matrixEntries(targets), [
      { target: 'b', environment: 'staging', 'kubeconfig-secret': 'KUBE_STAGING', ring: 1 },
      { target: 'a', 'kubeconfig-secret': 'KUBE_PROD' },
    ]);
    assert.deepEqual(
      targets.map((t) => [t.name, t.settings.paths, t.inputs]),
      [
        ['b', ['b'], { name: 'b', path: 'b' }],
        ['a', ['a'], { name: 'a', path: 'a' }],
      ],
    );
  });

  it('refuses an unknown field and lists the fields a target takes', () => {
    refusedAt(
      'targets:\n  - name: a\n    path: a\n    namspace: x\n',
      4,
      /unknown field "namspace"; a target takes path, exclude, context, namespace, name, .*kubeconfig-secret, ring, soak$/,
    );
    refusedAt('targets:\n  - name: a\n    path: a\nextra: 1\n', 4, /unknown field "extra"; a targets file has 'targets:' and 'defaults:'/);
    refusedAt('namespace: x\ntargets:\n  - name: a\n', 1, /field "namespace" belongs to a target: put it in an entry of 'targets:' or under 'defaults:'/);
  });

  it('says run-wide inputs belong on the step and secrets never go in the file', () => {
    refusedAt(
      'targets:\n  - name: a\n    path: a\n    mode: apply\n',
      4,
      /field "mode" holds for the whole run: give it on the step \(with:\), not per target/,
    );
    refusedAt('defaults:\n  comment: false\ntargets:\n  - name: a\n', 2, /field "comment" holds for the whole run/);
    refusedAt(
      'targets:\n  - name: a\n    kubeconfig: |\n      apiVersion: v1\n',
      3,
      /field "kubeconfig" is a secret, and secrets never go in the targets file: name the GitHub secret .* with 'kubeconfig-secret'/,
    );
    refusedAt('defaults:\n  sops-age-key: AGE-SECRET-KEY-1X\ntargets:\n  - name: a\n', 2, /field "sops-age-key" is a secret/);
    refusedAt('targets:\n  - name: a\n    github-token: t\n', 3, /field "github-token" is a secret/);
  });

  it('refuses a value of the wrong type at the line of the value', () => {
    refusedAt('targets:\n  - name: a\n    path: 7\n', 3, /field 'path' must be a list of strings \(or one string, an entry per line\); got number 7/);
    refusedAt(
      'targets:\n  - name: a\n    path:\n      - a\n      - {x: 1}\n',
      4,
      /field 'path' must be a list of non-empty one-line strings; item 2 is a mapping/,
    );
    refusedAt('targets:\n  - name: a\n    path: a\n    prune: [true]\n', 4, /field 'prune' must be true or false; got a list/);
    refusedAt('targets:\n  - name: a\n    path: a\n    concurrency: {n: 1}\n', 4, /field 'concurrency' must be a number or a string; got a mapping/);
    refusedAt('targets:\n  - name: a\n    path: a\n    namespace: 42\n', 4, /field 'namespace' must be a string; got number 42/);
    refusedAt('targets:\n  - name: a\n    path: a\n    context:\n', 4, /field 'context' has no value/);
    refusedAt('targets:\n  - name: a\n    path: a\n    ring: -1\n', 4, /field 'ring' must be a whole number from 0 or a name; got number -1/);
  });

  it('checks the fields only a file has: a secret name, an environment of plain characters', () => {
    refusedAt(
      'targets:\n  - name: a\n    path: a\n    kubeconfig-secret: "my secret"\n',
      4,
      /field 'kubeconfig-secret' must be the name of a GitHub secret .*; got "my secret"/,
    );
    refusedAt('targets:\n  - name: a\n    path: a\n    kubeconfig-secret: GITHUB_TOKEN\n', 4, /field 'kubeconfig-secret' must be the name of a GitHub secret/);
    refusedAt(
      'targets:\n  - name: a\n    path: a\n    environment: "prod\\n## pwned"\n',
      4,
      /field 'environment' must be a name of letters, digits, spaces, '\.', '_' and '-' .*; got "prod\\n## pwned"/,
    );
  });

  it('refuses a file with no targets, a target with no name, and a name given twice', () => {
    refusedAt('defaults:\n  prune: false\n', 1, /'targets' must be a list of targets/);
    refusedAt('targets: []\n', 1, /'targets' lists no target: declare at least one/);
    refusedAt('targets:\n  - path: a\n', 2, /a target needs a 'name'/);
    refusedAt(
      'targets:\n  - name: a\n    path: a\n  - name: a\n    path: b\n',
      4,
      /field 'name': target "a" is declared twice \(first at line 2\): .* share one inventory \(the ApplySet kube-gitops-a\)/,
    );
    refusedAt('defaults:\n  name: a\ntargets:\n  - name: a\n', 2, /field 'name' cannot be a default: each target names itself/);
  });

  it('refuses what is not a mapping: a list, a scalar, an entry that is a string, an empty file, two documents', () => {
    refusedAt('- name: a\n', 1, /the targets file must be a mapping with a 'targets:' list/);
    refusedAt('# only a comment\n', 1, /the targets file is empty/);
    refusedAt('targets:\n  - a\n', 2, /a target must be a mapping of fields/);
    refusedAt('defaults: [1]\ntargets:\n  - name: a\n', 1, /'defaults' must be a mapping of fields/);
    refusedAt('targets:\n  - name: a\n    path: a\n---\ntargets: []\n', 5, /a targets file holds one YAML document; this is a second one/);
  });

  it('reports a YAML syntax error at its line and column', () => {
    assertRefused(() => fleetOf('targets:\n  - name: a\n    path: [a\n'), 'kube-gitops.yaml:3:13: ', /YAML syntax error/);
    assertRefused(() => fleetOf('targets:\n  - name: a\n    name: b\n'), 'kube-gitops.yaml:3:5: ', /duplicated mapping key/);
  });
});
