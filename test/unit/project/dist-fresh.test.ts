import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildBundles } from '../../../scripts/build.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

describe('the committed bundle', () => {
  it('is what npm run build makes from the current sources (dist/ is not stale)', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-dist-'));
    try {
      await buildBundles(out);
      for (const file of ['index.js', 'cli.js', 'cli-main.js', 'package.json', 'licenses.txt']) {
        const fresh = readFileSync(path.join(out, file), 'utf8');
        const committed = readFileSync(path.join(root, 'dist', file), 'utf8');
        assert.ok(fresh === committed, `dist/${file} is stale: run 'npm run build' and commit dist/`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('runs on the node24 runtime that action.yml declares', () => {
    assert.match(readFileSync(path.join(root, 'action.yml'), 'utf8'), /using: 'node24'\n\s+main: 'dist\/index\.js'/);
    assert.deepEqual(JSON.parse(readFileSync(path.join(root, 'dist/package.json'), 'utf8')), { type: 'module' });
  });
});
