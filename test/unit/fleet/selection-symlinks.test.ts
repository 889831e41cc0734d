// A pull request's author arranges files so that a change reaching a target through a symlink is not
// selected, and its merge then prunes unreviewed: each arrangement must plan the target (the review
// found these). Deleted files leave no trace in the head's read set, so a file gone from a folder
// beside what the target reads plans it; a symlink left pointing at nothing fails the load, which
// plans the target with why.
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { configMap, FleetRepo, planned, whyOf } from '../../support/fleet-repo.js';

describe('the selection, against changes behind symlinks', () => {
  it('plans the target whose symlinked folder loses a file', async () => {
    const repo = new FleetRepo(
      { 'shared/a.yaml': configMap('a'), 'shared/b.yaml': configMap('b'), 'apps/p/own.yaml': configMap('own'), 'apps/q/q.yaml': configMap('q') },
      { 'apps/p/common': '../../shared' },
    );
    try {
      const targets = [repo.target('p', ['apps/p']), repo.target('q', ['apps/q'])];
      repo.remove('shared/b.yaml');
      const s = await repo.select(targets);
      assert.deepEqual(planned(s), ['p']);
      assert.match(whyOf(s, 'p'), /gone at the head from `shared`, beside `shared\/a\.yaml`/);
    } finally {
      repo.cleanup();
    }
  });

  it('plans the target whose glob reaches through a symlink when a file it matched is deleted', async () => {
    const repo = new FleetRepo({ 'shared/a.yaml': configMap('a'), 'shared/b.yaml': configMap('b'), 'apps/q/q.yaml': configMap('q') }, { linkdir: 'shared' });
    try {
      const targets = [repo.target('p', ['linkdir/*.yaml']), repo.target('q', ['apps/q'])];
      repo.remove('shared/b.yaml');
      assert.deepEqual(planned(await repo.select(targets)), ['p']);
    } finally {
      repo.cleanup();
    }
  });

  it('plans the target whose symlinked folder is renamed away, its load failing on the link to nothing', async () => {
    const repo = new FleetRepo(
      { 'shared/a.yaml': configMap('a'), 'shared/b.yaml': configMap('b'), 'apps/p/own.yaml': configMap('own'), 'apps/q/q.yaml': configMap('q') },
      { 'apps/p/common': '../../shared' },
    );
    try {
      const targets = [repo.target('p', ['apps/p']), repo.target('q', ['apps/q'])];
      renameSync(path.join(repo.dir, 'shared'), path.join(repo.dir, 'shared2'));
      repo.git('add', '-A');
      const s = await repo.select(targets);
      assert.deepEqual(planned(s), ['p']);
      assert.match(whyOf(s, 'p'), /its load fails.*'apps\/p\/common' is a symlink to '\.\.\/\.\.\/shared', which does not exist/);
    } finally {
      repo.cleanup();
    }
  });

  it('does not plan every target for a file deleted at the top of the workspace', async () => {
    const repo = new FleetRepo({ 'notes.txt': 'x', 'apps/p/p.yaml': configMap('p'), 'apps/q/q.yaml': configMap('q') });
    try {
      const targets = [repo.target('p', ['apps/p']), repo.target('q', ['apps/q'])];
      repo.remove('notes.txt');
      assert.deepEqual(planned(await repo.select(targets)), []);
    } finally {
      repo.cleanup();
    }
  });
});
