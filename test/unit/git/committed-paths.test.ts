// pathsNotCommitted against a real git repository: every way a path can differ from HEAD is named
// with its reason, relative to the workspace even when the workspace is a subdirectory of the
// repository, and a name with glob characters is taken literally.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathsNotCommitted } from '../../../src/git/committed-paths.js';
import { GitRepo } from '../../support/git-repo.js';

describe('paths not as committed', () => {
  const repos: GitRepo[] = [];
  after(() => {
    for (const r of repos) r.cleanup();
  });

  function repo(files: Record<string, string>): GitRepo {
    const r = new GitRepo();
    repos.push(r);
    for (const [file, text] of Object.entries(files)) r.write(file, text);
    r.commit('committed');
    return r;
  }

  it('names changed, deleted, staged, untracked, ignored, untracked-by-git and hidden paths, relative to a workspace below the top', async () => {
    const r = repo({
      'ws/.gitignore': 'ignored/\n',
      'ws/a.yaml': 'a\n',
      'ws/b.yaml': 'b\n',
      'ws/c.yaml': 'c\n',
      'ws/d.yaml': 'd\n',
      'ws/dir/e.yaml': 'e\n',
      'ws/clean.yaml': 'clean\n',
    });
    r.write('ws/a.yaml', 'changed\n');
    r.remove('ws/b.yaml');
    r.write('ws/c.yaml', 'staged\n');
    r.git('add', 'ws/c.yaml');
    r.git('update-index', '--skip-worktree', 'ws/d.yaml');
    r.write('ws/d.yaml', 'hidden\n');
    r.write('ws/dir/new.yaml', 'new\n');
    r.write('ws/ignored/x.yaml', 'x\n');
    const found = await pathsNotCommitted(path.join(r.dir, 'ws'), {
      files: ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'clean.yaml', 'ignored/x.yaml'],
      directories: ['dir'],
    });
    assert.ok('paths' in found, JSON.stringify(found));
    assert.deepEqual(
      found.paths.map((p) => `${p.path}: ${p.why}`),
      [
        'a.yaml: changed',
        'b.yaml: deleted',
        'c.yaml: changed',
        'd.yaml: marked skip-worktree, so git status does not compare it',
        'dir/new.yaml: untracked',
        'ignored/: ignored',
        'ignored/x.yaml: not tracked by git',
      ],
    );
  });

  it('takes a name with glob characters literally, and finds nothing in a clean checkout', async () => {
    const r = repo({ 'ws/[ab].yaml': 'literal\n', 'ws/a.yaml': 'a\n' });
    r.write('ws/a.yaml', 'changed, but not asked about\n');
    assert.deepEqual(await pathsNotCommitted(path.join(r.dir, 'ws'), { files: ['[ab].yaml'], directories: [] }), { paths: [] });
  });
});
