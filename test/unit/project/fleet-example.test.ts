// examples/fleet: the targets file of a fleet (five targets on two clusters, three of them overlays
// of one kustomize base) is valid, and each target loads its objects as a matrix job would.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import { matrixEntries, readFleetTargets } from '../../../src/settings/fleet-targets.js';
import { readSettings } from '../../../src/settings/read-settings.js';
import { loadExample } from '../../support/example-repos.js';

const workspace = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../examples/fleet');
const env = { GITHUB_WORKSPACE: workspace };

/**
 * Per target, its namespace and the objects it loads (`Kind/namespace/name`, sorted; `*` ends a
 * generated suffix; plain manifests get the target's namespace when planned, not when loaded).
 */
const EXPECTED: Record<string, string[]> = {
  'web-staging': ['ConfigMap/web-staging/web-settings-*', 'Deployment/web-staging/web', 'Namespace//web-staging'],
  'web-production-eu': ['ConfigMap/web-eu/web-settings-*', 'Deployment/web-eu/web', 'Namespace//web-eu'],
  'web-production-us': ['ConfigMap/web-us/web-settings-*', 'Deployment/web-us/web', 'Namespace//web-us'],
  'platform-staging': ['ConfigMap//cluster-info', 'Namespace//platform'],
  'batch-production': ['ConfigMap//report-settings', 'Deployment//report-worker', 'Namespace//batch'],
};

const NAMESPACES: Record<string, string> = {
  'web-staging': 'web-staging',
  'web-production-eu': 'web-eu',
  'web-production-us': 'web-us',
  'platform-staging': 'platform',
  'batch-production': 'batch',
};

function ids(objects: readonly DesiredObject[]): string[] {
  return objects.map((o) => `${o.object.kind}/${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`).sort();
}

function matches(actual: string[], expected: string[]): boolean {
  return actual.length === expected.length && expected.every((e, i) => (e.endsWith('*') ? actual[i]?.startsWith(e.slice(0, -1)) : actual[i] === e));
}

describe('the fleet example', () => {
  const targets = readFleetTargets(() => '', env);

  it('declares five targets on two clusters, each in a GitHub environment', () => {
    assert.deepEqual(matrixEntries(targets), [
      { target: 'web-staging', environment: 'web-staging', 'kubeconfig-secret': 'KUBECONFIG_STAGING', ring: 0 },
      { target: 'web-production-eu', environment: 'web-production-eu', 'kubeconfig-secret': 'KUBECONFIG_PROD', ring: 1 },
      { target: 'web-production-us', environment: 'web-production-us', 'kubeconfig-secret': 'KUBECONFIG_PROD', ring: 2 },
      { target: 'platform-staging', environment: 'platform-staging', 'kubeconfig-secret': 'KUBECONFIG_STAGING', ring: 0 },
      { target: 'batch-production', environment: 'batch-production', 'kubeconfig-secret': 'KUBECONFIG_PROD', ring: 1 },
    ]);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: loads its objects with its settings from the file`, async () => {
      const settings = readSettings((input) => (input === 'target' ? name : ''), env);
      assert.equal(settings.target, name);
      assert.equal(settings.namespace, NAMESPACES[name]);
      const loaded = ids(await loadExample('fleet', { path: settings.paths.join('\n'), namespace: settings.namespace }));
      assert.ok(matches(loaded, expected), `${name}: ${loaded.join(', ')}`);
    });
  }

  it('builds the base for exactly three targets, through their overlays', () => {
    const throughBase = targets.filter((t) => t.settings.paths.every((p) => p.startsWith('overlays/')));
    assert.deepEqual(
      throughBase.map((t) => t.name),
      ['web-staging', 'web-production-eu', 'web-production-us'],
    );
    assert.ok(targets.filter((t) => !throughBase.includes(t)).every((t) => t.settings.paths.every((p) => !p.startsWith('overlays/') && !p.startsWith('base'))));
  });
});
