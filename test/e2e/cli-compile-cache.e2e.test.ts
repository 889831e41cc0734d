// dist/cli.js keeps Node's compile cache in the user's own cache directory, never in the shared
// temp directory, and runs without one when that directory is open to others: Node runs the code
// it finds in its compile cache, so a cache another user can write to would run their code as ours.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCliBundle } from '../support/run-cli.js';

describe('the command line’s compile cache (dist/cli.js)', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'kg-compile-cache-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('is written under the user’s cache directory, closed to others, and nothing is written to the temp directory', async () => {
    const cacheHome = path.join(work, 'cache-home');
    const tmp = path.join(work, 'tmp');
    mkdirSync(tmp);
    const run = await runCliBundle(['--help'], { cwd: work, env: { XDG_CACHE_HOME: cacheHome, TMPDIR: tmp } });
    assert.equal(run.code, 0, run.stderr);
    const dir = path.join(cacheHome, 'kube-gitops', 'node-compile-cache');
    assert.equal(statSync(dir).mode & 0o077, 0, 'the cache directory is open to others');
    assert.ok(readdirSync(dir).length > 0, 'nothing was cached');
    assert.deepEqual(readdirSync(tmp), []);
  });

  it('is not used when the directory can be written by others: the run still succeeds and writes nothing there', async () => {
    const cacheHome = path.join(work, 'open-cache-home');
    const dir = path.join(cacheHome, 'kube-gitops', 'node-compile-cache');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    const tmp = path.join(work, 'tmp-open');
    mkdirSync(tmp);
    const run = await runCliBundle(['--help'], { cwd: work, env: { XDG_CACHE_HOME: cacheHome, TMPDIR: tmp } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /kube-gitops/);
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(existsSync(path.join(tmp, 'node-compile-cache')), false);
  });
});
