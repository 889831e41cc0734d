// A small workspace for targets-file tests: two directories of manifests (a/, b/) and the given
// kube-gitops.yaml; each test's workspace is removed after it.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { afterEach } from 'node:test';
import { ConfigurationError } from '../../src/model/errors.js';
import { readFleetTargets } from '../../src/settings/fleet-targets.js';
import { fileTree } from './file-tree.js';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

export const MANIFESTS: Readonly<Record<string, string>> = { 'a/cm.yaml': configMap('a'), 'b/cm.yaml': configMap('b') };

const made: string[] = [];

/** Removes the workspaces made by targetsWorkspace after each test of the file that calls it. */
export function cleanWorkspacesAfterEach(): void {
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

/** A workspace with the manifests, `kube-gitops.yaml` holding `yaml` (unless undefined), and `extra` files. */
export function targetsWorkspace(yaml: string | undefined, extra: Record<string, string> = {}): string {
  const dir = fileTree({ ...MANIFESTS, ...(yaml === undefined ? {} : { 'kube-gitops.yaml': yaml }), ...extra }, 'kube-gitops-targets-');
  made.push(dir);
  return dir;
}

/** Asserts that `read` fails with a configuration error whose message starts with `prefix` and matches `message`. */
export function assertRefused(read: () => unknown, prefix: string, message: RegExp): void {
  assert.throws(read, (e: unknown) => {
    assert.ok(e instanceof ConfigurationError, `a ConfigurationError, not ${String(e)}`);
    assert.ok(e.message.startsWith(prefix), `'${e.message}' starts with '${prefix}'`);
    assert.match(e.message, message);
    return true;
  });
}

/** The fleet's targets read from a workspace holding `yaml`. */
export function fleetOf(yaml: string, extra: Record<string, string> = {}) {
  const workspace = targetsWorkspace(yaml, extra);
  return readFleetTargets(() => '', { GITHUB_WORKSPACE: workspace });
}
