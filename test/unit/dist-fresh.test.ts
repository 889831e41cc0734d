import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

describe('the committed bundle', () => {
  it('is what npm run build makes from the current sources (dist/ is not stale)', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-dist-'));
    try {
      execFileSync(path.join(root, 'node_modules/.bin/ncc'), ['build', 'src/main.ts', '-o', out, '-m', '--license', 'licenses.txt', '--target', 'es2023', '--quiet'],
        { cwd: root, stdio: 'pipe' });
      for (const file of ['index.js', 'package.json', 'licenses.txt']) {
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
