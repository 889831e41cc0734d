import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError } from '../../../src/model/errors.js';
import { readSettings } from '../../../src/settings/read-settings.js';
import { assertRefused, cleanWorkspacesAfterEach, targetsWorkspace } from '../../support/targets-workspace.js';

function read(values: Record<string, string>) {
  return readSettings((name) => values[name] ?? '', { GITHUB_WORKSPACE: '/w' });
}

function refusedNaming(input: string): (error: unknown) => boolean {
  return (error) => error instanceof ConfigurationError && error.message.includes(`'${input}'`);
}

describe('preview settings', () => {
  it('reads mode preview, the prefix preview, no cluster-scoped kind and no TTL by default', () => {
    const s = read({ mode: 'preview' });
    assert.equal(s.mode, 'preview');
    assert.deepEqual(s.preview, { prefix: 'preview', clusterKinds: [] });
  });

  it('reads a prefix, allowed kinds one per line and a TTL', () => {
    const s = read({
      'preview-prefix': 'review',
      'preview-cluster-kinds': 'ClusterRole.rbac.authorization.k8s.io\n# a comment\nPersistentVolume\n',
      'preview-ttl': '72h',
    });
    assert.deepEqual(s.preview, { prefix: 'review', clusterKinds: ['ClusterRole.rbac.authorization.k8s.io', 'PersistentVolume'], ttlMs: 72 * 3_600_000 });
  });

  it('refuses a prefix that would not make a namespace name, naming the input', () => {
    for (const prefix of ['Preview', '-preview', 'preview-', 'pre_view', 'a'.repeat(41), 'kube system']) {
      assert.throws(() => read({ 'preview-prefix': prefix }), refusedNaming('preview-prefix'), prefix);
    }
    assert.equal(read({ 'preview-prefix': 'a'.repeat(40) }).preview.prefix, 'a'.repeat(40));
  });

  it('refuses a kind that is not Kind or Kind.group, and Namespace or ClusterRoleBinding whatever the input says', () => {
    for (const kind of ['clusterrole', 'ClusterRole/rbac', 'Namespace', 'ClusterRoleBinding.rbac.authorization.k8s.io']) {
      assert.throws(() => read({ 'preview-cluster-kinds': kind }), refusedNaming('preview-cluster-kinds'), kind);
    }
  });

  it('refuses a TTL that is not a duration, naming the input', () => {
    assert.throws(() => read({ 'preview-ttl': 'three days' }), refusedNaming('preview-ttl'));
    assert.throws(() => read({ 'preview-ttl': '0s' }), refusedNaming('preview-ttl'));
  });

  it('reads a quota and container limits, one per line', () => {
    const s = read({
      'preview-quota': 'pods: 20\nlimits.memory: "4Gi"\ncount/deployments.apps: 5',
      'preview-limits': 'default.memory: 512Mi\ndefaultRequest.cpu: 100m\nmax.cpu: 2',
    });
    assert.deepEqual(s.preview.quota, { pods: '20', 'limits.memory': '4Gi', 'count/deployments.apps': '5' });
    assert.deepEqual(s.preview.limits, { default: { memory: '512Mi' }, defaultRequest: { cpu: '100m' }, max: { cpu: '2' } });
  });

  it('refuses a quota or limit line that is not name: quantity, naming the input', () => {
    for (const line of ['pods 20', 'pods: lots', 'Pods: 2', 'pods: 1; rm -rf']) {
      assert.throws(() => read({ 'preview-quota': line }), refusedNaming('preview-quota'), line);
    }
    for (const line of ['memory: 512Mi', 'limits.memory: 512Mi', 'default.memory: big']) {
      assert.throws(() => read({ 'preview-limits': line }), refusedNaming('preview-limits'), line);
    }
  });
});

describe('preview settings in a targets file', () => {
  cleanWorkspacesAfterEach();
  const FILE = `targets:
  - name: review
    path: a
    preview-prefix: review
    preview-cluster-kinds: [ClusterRole.rbac.authorization.k8s.io]
    preview-ttl: 48h
    preview-quota: ["pods: 5"]
`;

  it('takes the preview inputs per target', () => {
    const workspace = targetsWorkspace(FILE);
    const s = readSettings((name) => (name === 'target' ? 'review' : ''), { GITHUB_WORKSPACE: workspace });
    assert.deepEqual(s.preview, { prefix: 'review', clusterKinds: ['ClusterRole.rbac.authorization.k8s.io'], ttlMs: 48 * 3_600_000, quota: { pods: '5' } });
  });

  it("refuses a target's bad prefix at its line, naming the input", () => {
    const workspace = targetsWorkspace(`${FILE}  - name: bad\n    path: b\n    preview-prefix: Bad_Prefix\n`);
    assertRefused(
      () => readSettings((name) => (name === 'target' ? 'review' : ''), { GITHUB_WORKSPACE: workspace }),
      'kube-gitops.yaml:10: ',
      /'preview-prefix'/,
    );
  });
});
