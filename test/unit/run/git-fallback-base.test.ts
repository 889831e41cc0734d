// The base commit's manifests in a pull request's plan: a path the pull request adds matches nothing
// at the base, which means the base had no manifests there, not that the base fails to load.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RecordingLogger } from '../../../src/model/logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { loadBase } from '../../../src/run/git-fallback-plan.js';
import { readSettings } from '../../../src/settings/read-settings.js';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: apps\ndata: {a: "1"}\n`;

describe('the base commit of a pull request that adds a path', () => {
  it('loads the paths the base has and leaves out the new one, with nothing logged about a failed load', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-base-'));
    try {
      mkdirSync(path.join(base, 'apps'));
      writeFileSync(path.join(base, 'apps', 'settings.yaml'), configMap('settings'));
      const inputs: Record<string, string> = { path: 'apps\nnew-service' };
      const settings = readSettings((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: '/workspace/that/is/not/read' });
      const logger = new RecordingLogger();
      const objects = await loadBase(
        settings,
        'b'.repeat(40),
        { logger, redactor: new SecretRedactor(), fallback: { checkout: () => Promise.resolve({ dir: base, cleanup: () => Promise.resolve() }) } },
        'comparing against nothing',
      );
      assert.deepEqual(
        objects?.map((d) => d.object.metadata.name),
        ['settings'],
      );
      assert.ok(!logger.hasMessage('do not load'), logger.messages().join('\n'));
      assert.ok(!logger.messages().some((m) => m.includes(base)), 'no temporary path is shown');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
