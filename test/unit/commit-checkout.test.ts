// The base-commit checkout takes its sha from the event or from the cluster (the commit an ApplySet
// parent records, which anyone with write access to that Secret can set): only an object id reaches git.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkoutCommit } from '../../src/git/commit-checkout.js';

describe('checkoutCommit', () => {
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
});
