import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigurationError } from '../../../src/model/errors.js';
import { kubeconfigSecrets } from '../../../src/settings/kubeconfig-secrets.js';
import { parseDuration, readSettings } from '../../../src/settings/read-settings.js';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: Q0FEQVRB}}]
users:
- name: u
  user:
    token: sekret-token-value
    client-key-data: a2V5LWRhdGEtdmFsdWU=
    exec:
      command: aws
      env: [{name: AWS_SECRET, value: exec-env-secret}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
`;

function inputs(values: Record<string, string>) {
  return (name: string) => values[name] ?? '';
}

describe('settings', () => {
  it('reads the review contract inputs: mode drift, fail-on-drift, on-unreviewed-changes (warn by default, fail, nothing else)', () => {
    const defaults = readSettings(inputs({}), {});
    assert.deepEqual([defaults.onUnreviewedChanges, defaults.failOnDrift], ['warn', false]);
    const s = readSettings(inputs({ mode: 'drift', 'fail-on-drift': 'true', 'on-unreviewed-changes': 'fail' }), {});
    assert.deepEqual([s.mode, s.failOnDrift, s.onUnreviewedChanges], ['drift', true, 'fail']);
    assert.throws(
      () => readSettings(inputs({ 'on-unreviewed-changes': 'ignore' }), {}),
      (e: unknown) => e instanceof ConfigurationError && /Input 'on-unreviewed-changes' must be warn or fail; got 'ignore'/.test(e.message),
    );
    assert.throws(() => readSettings(inputs({ mode: 'check' }), {}), /must be auto, plan, apply, drift, targets, fleet, preview or preview-sweep/);
  });

  it('uses the documented defaults when inputs are empty', () => {
    const s = readSettings(inputs({}), { GITHUB_WORKSPACE: '/ws' });
    assert.equal(s.mode, 'auto');
    assert.deepEqual(s.paths, ['.']);
    assert.equal(s.namespace, 'default');
    assert.equal(s.inventoryNamespace, 'default');
    assert.equal(s.target, 'default');
    assert.equal(s.fieldManager, 'kube-gitops');
    assert.equal(s.forceConflicts, false);
    assert.equal(s.prune, true);
    assert.equal(s.adopt, false);
    assert.equal(s.wait, true);
    assert.equal(s.timeoutMs, 300_000);
    assert.equal(s.concurrency, 8);
    assert.equal(s.kubeconfig, undefined);
    assert.equal(s.workspace, '/ws');
  });

  it('splits multi-line paths and excludes, ignoring blank and comment lines', () => {
    const s = readSettings(inputs({ path: 'deploy/\n\n# old\napps/*.yaml\n', exclude: '**/test/**' }), {});
    assert.deepEqual(s.paths, ['deploy/', 'apps/*.yaml']);
    assert.deepEqual(s.exclude, ['**/test/**']);
  });

  it('accepts the kubeconfig as YAML or as base64 of it', () => {
    assert.equal(readSettings(inputs({ kubeconfig: KUBECONFIG }), {}).kubeconfig, KUBECONFIG.trim());
    const b64 = Buffer.from(KUBECONFIG).toString('base64');
    assert.equal(readSettings(inputs({ kubeconfig: b64 }), {}).kubeconfig, KUBECONFIG);
  });

  it('falls back to the file named by KUBECONFIG', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-settings-'));
    writeFileSync(path.join(dir, 'config'), KUBECONFIG);
    const s = readSettings(inputs({}), { KUBECONFIG: path.join(dir, 'config') });
    assert.equal(s.kubeconfig, KUBECONFIG);
    assert.equal(s.kubeconfigDir, dir);
  });

  it('names the input in every configuration error', () => {
    const cases: [Record<string, string>, string][] = [
      [{ mode: 'deploy' }, 'mode'],
      [{ prune: 'yes' }, 'prune'],
      [{ timeout: 'soon' }, 'timeout'],
      [{ concurrency: '0' }, 'concurrency'],
      [{ name: 'Prod_1' }, 'name'],
      [{ kubeconfig: 'not a kubeconfig' }, 'kubeconfig'],
    ];
    for (const [values, input] of cases) {
      assert.throws(
        () => readSettings(inputs(values), {}),
        (e: unknown) => e instanceof ConfigurationError && e.input === input && e.message.includes(`'${input}'`),
      );
    }
  });

  it('accepts only a plain decimal whole number from 1 to 64 as concurrency', () => {
    assert.equal(readSettings(inputs({ concurrency: '16' }), {}).concurrency, 16);
    assert.equal(readSettings(inputs({ concurrency: ' 4 ' }), {}).concurrency, 4);
    for (const value of ['0x8', '1e1', '8.0', '+8', '0b1', '65', '0', '-1', '8 8', 'Infinity']) {
      assert.throws(
        () => readSettings(inputs({ concurrency: value }), {}),
        (e: unknown) =>
          e instanceof ConfigurationError &&
          e.input === 'concurrency' &&
          e.message === `Input 'concurrency' must be a whole number from 1 to 64; got '${value}'.`,
        `concurrency '${value}' is refused`,
      );
    }
  });

  it('takes over objects of other ApplySets only when adopt is true', () => {
    assert.equal(readSettings(inputs({ adopt: 'true' }), {}).adopt, true);
    assert.equal(readSettings(inputs({ adopt: 'false' }), {}).adopt, false);
    assert.throws(
      () => readSettings(inputs({ adopt: 'yes' }), {}),
      (e: unknown) => e instanceof ConfigurationError && e.input === 'adopt' && /'adopt' must be true or false; got 'yes'/.test(e.message),
    );
  });

  it('parses durations', () => {
    assert.equal(parseDuration('90s', 't'), 90_000);
    assert.equal(parseDuration('1h30m', 't'), 5_400_000);
    assert.equal(parseDuration('250ms', 't'), 250);
    assert.equal(parseDuration('120', 't'), 120_000);
  });

  it('finds every credential in a kubeconfig to mask, and nothing else', () => {
    assert.deepEqual(kubeconfigSecrets(KUBECONFIG).sort(), ['a2V5LWRhdGEtdmFsdWU=', 'exec-env-secret', 'sekret-token-value']);
  });
});

describe('an unreadable kubeconfig', () => {
  it('is reported without quoting any of it', async () => {
    const { K8sClient } = await import('../../../src/cluster/k8s-client.js');
    const broken = 'apiVersion: v1\nusers:\n- name: u\n  user:\n    token: sup3r-s3cret-token\n   bad: [indent\n';
    assert.throws(
      () => new K8sClient({ kubeconfig: broken }),
      (e: unknown) => e instanceof Error && /cannot be read/.test(e.message) && !e.message.includes('sup3r-s3cret-token'),
    );
  });
});
