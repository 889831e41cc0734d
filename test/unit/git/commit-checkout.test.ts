// The base-commit checkout takes its sha from the event or from the cluster (the commit an ApplySet
// parent records, which anyone with write access to that Secret can set): only an object id reaches git.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkoutCommit, localCheckoutCommit } from '../../../src/git/commit-checkout.js';
import { GitRepo } from '../../support/git-repo.js';

describe('checking out another commit', () => {
  it('refuses a recorded commit that is not a hex object id before running git', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-checkout-'));
    const marker = path.join(dir, 'ran');
    try {
      for (const sha of [`--upload-pack=touch ${marker}`, 'HEAD~1', 'main', '']) {
        await assert.rejects(checkoutCommit(dir, sha), /is not a commit id/);
      }
      assert.equal(existsSync(marker), false, 'nothing was run');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a workspace inside the repository the same folder of the commit, and extracts only that folder', async () => {
    const repo = new GitRepo();
    try {
      repo.write('deploy/app.yaml', 'kind: ConfigMap\n');
      repo.write('docs/readme.md', 'not a manifest\n');
      const sha = repo.commit('first');
      const checkout = await checkoutCommit(path.join(repo.dir, 'deploy'), sha);
      try {
        assert.deepEqual(readdirSync(checkout.dir), ['app.yaml']);
        assert.equal(existsSync(path.join(checkout.dir, '..', 'docs')), false, 'the rest of the tree is not extracted');
      } finally {
        await checkout.cleanup();
      }
    } finally {
      repo.cleanup();
    }
  });

  it('fetches a missing commit into a full clone without making it shallow; from a terminal, never fetches', async () => {
    const origin = new GitRepo();
    const clone = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-clone-'));
    try {
      origin.write('deploy/app.yaml', 'v: 1\n');
      origin.commit('first');
      execFileSync('git', ['clone', '-q', origin.dir, clone]);
      origin.git('checkout', '-q', '-b', 'elsewhere');
      origin.write('deploy/app.yaml', 'v: 2\n');
      const missing = origin.commit('applied from another branch');
      const git = (...args: string[]) => execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8' }).trim();
      await assert.rejects(localCheckoutCommit(clone, missing), /is not in this clone \(git fetch the branch it was applied from\)/);
      assert.throws(() => git('cat-file', '-e', `${missing}^{commit}`), 'the terminal run fetched nothing');
      const checkout = await checkoutCommit(clone, missing);
      await checkout.cleanup();
      assert.equal(git('rev-parse', '--is-shallow-repository'), 'false');
    } finally {
      origin.cleanup();
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
