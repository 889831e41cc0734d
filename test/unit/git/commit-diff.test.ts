// What git says about two commits, read from the clone alone: the changed paths (a rename as both
// names, a name holding a line break whole), a file at a commit, and the commit a typed revision names.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fileAtCommit, mergeBase, pathsChangedBetween, resolveCommit } from '../../../src/git/commit-diff.js';
import { GitRepo } from '../../support/git-repo.js';

const made: GitRepo[] = [];
after(() => made.forEach((r) => r.cleanup()));

function repo(): GitRepo {
  const r = new GitRepo();
  made.push(r);
  return r;
}

describe('commit-diff', () => {
  it('lists a rename under both names and a name holding a line break whole', async () => {
    const r = repo();
    r.write('apps/old.yaml', 'a: 1\n');
    const base = r.commit('base');
    r.git('mv', 'apps/old.yaml', 'apps/new.yaml');
    r.write('apps/x\ny.yaml', 'b: 2\n');
    const head = r.commit('head');
    assert.deepEqual(await pathsChangedBetween(r.dir, base, head), { paths: ['apps/new.yaml', 'apps/old.yaml', 'apps/x\ny.yaml'] });
    assert.deepEqual(await pathsChangedBetween(r.dir, '--output=/tmp/x', head), { error: "the base '--output=/tmp/x' is not a commit id" });
  });

  it('reads a file at a commit, and says why when the commit does not have it', async () => {
    const r = repo();
    r.write('kube-gitops.yaml', 'targets: []\n');
    const base = r.commit('base');
    r.write('kube-gitops.yaml', 'targets: [changed]\n');
    r.commit('head');
    assert.deepEqual(await fileAtCommit(r.dir, base, 'kube-gitops.yaml'), { text: 'targets: []\n' });
    const missing = await fileAtCommit(r.dir, base, 'other.yaml');
    assert.match('error' in missing ? missing.error : '', /^other\.yaml at [0-9a-f]{7} cannot be read: /);
  });

  it('resolves a typed revision and where a branch left it, and refuses one that reads as an option', async () => {
    const r = repo();
    r.write('a.yaml', 'a\n');
    const base = r.commit('base');
    r.git('checkout', '-q', '-b', 'feature');
    r.write('a.yaml', 'b\n');
    const head = r.commit('feature');
    r.git('checkout', '-q', 'master');
    r.write('c.yaml', 'c\n');
    const master = r.commit('master moves on');
    assert.deepEqual(await resolveCommit(r.dir, 'master'), { sha: master });
    assert.deepEqual(await mergeBase(r.dir, master, head), { sha: base });
    assert.deepEqual(await resolveCommit(r.dir, '--all'), { error: "'--all' is not a revision" });
    assert.deepEqual(await resolveCommit(r.dir, 'no-such-branch'), { error: "'no-such-branch' names no commit in this clone" });
  });
});
