// The selection fails open: when it cannot tell what changed, or the targets file changed and its
// base version cannot be read, every target is planned and the reason said. When the base's targets
// file can be read, only the targets whose settings changed (or that are new) are planned for it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { commitChanges } from '../../../src/fleet/changed-files.js';
import { selectTargets } from '../../../src/fleet/select-targets.js';
import { fileAtCommit } from '../../../src/git/commit-diff.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { FleetRepo, configMap, planned, whyOf } from '../../support/fleet-repo.js';

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function twoTargets(): FleetRepo {
  const repo = new FleetRepo({
    'kube-gitops.yaml': 'targets:\n  - name: a\n    path: apps/a\n  - name: b\n    path: apps/b\n',
    'apps/a/cm.yaml': configMap('a'),
    'apps/b/cm.yaml': configMap('b'),
  });
  made.push(repo.dir);
  return repo;
}

/** A clone of `repo` holding its head commit only, as actions/checkout makes by default. */
function shallowClone(repo: FleetRepo): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-shallow-'));
  made.push(dir);
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, dir]);
  return dir;
}

const deps = () => ({ logger: new RecordingLogger(), redactor: new SecretRedactor(), load: () => Promise.reject(new Error('no load expected')) });

describe('selectTargets failing open', () => {
  it('plans every target, without loading any, when the changed files cannot be told', async () => {
    const repo = twoTargets();
    const targets = [repo.target('a', ['apps/a']), repo.target('b', ['apps/b'])];
    const reason = 'GitHub lists at most 3,000 files of a pull request, and this one changes at least that many';
    const selection = await selectTargets(
      { targets, changed: { known: false, reason }, workspace: repo.dir, targetsFile: { path: 'kube-gitops.yaml', atBase: async () => targets } },
      deps(),
    );
    assert.deepEqual(planned(selection), ['a', 'b']);
    assert.equal(selection.failedOpen, `which files changed cannot be told: ${reason}`);
    assert.equal(whyOf(selection, 'b'), `every target is planned: which files changed cannot be told: ${reason}`);
  });

  it('cannot tell from git when the clone is shallow and lacks the base, and says what to do', async () => {
    const repo = twoTargets();
    repo.write('apps/a/cm.yaml', configMap('a', 'changed'));
    const head = repo.commit('head');
    const changed = await commitChanges(shallowClone(repo), repo.base, head);
    assert.equal(changed.known, false);
    assert.match(changed.known ? '' : changed.reason, /base commit [0-9a-f]{7} is not in this clone .*fetch-depth: 0.*github-token/);
  });

  it('plans every target when the targets file changed and its base version cannot be read', async () => {
    const repo = twoTargets();
    repo.write('kube-gitops.yaml', 'targets:\n  - name: a\n    path: apps/a\n    namespace: other\n  - name: b\n    path: apps/b\n');
    repo.commit('head');
    const clone = shallowClone(repo);
    const targets = [repo.target('a', ['apps/a'], { workspace: clone }), repo.target('b', ['apps/b'], { workspace: clone })];
    const atBase = async () => {
      const read = await fileAtCommit(clone, repo.base, 'kube-gitops.yaml');
      if ('error' in read) throw new Error(read.error);
      throw new Error('a parser is not part of this test');
    };
    const changed = { known: true as const, paths: ['kube-gitops.yaml'], from: 'a test' };
    const selection = await selectTargets({ targets, changed, workspace: clone, targetsFile: { path: 'kube-gitops.yaml', atBase } }, deps());
    assert.deepEqual(planned(selection), ['a', 'b']);
    assert.match(
      selection.failedOpen ?? '',
      /^`kube-gitops\.yaml` changed and its version at the base cannot be read \(kube-gitops\.yaml at [0-9a-f]{7} cannot be read: /,
    );
  });

  it('plans the targets whose settings in the targets file changed, and a new one, when the base version is read', async () => {
    const repo = twoTargets();
    const base = [repo.target('a', ['apps/a']), repo.target('b', ['apps/b']), repo.target('c', ['apps/a'])];
    const head = [
      repo.target('a', ['apps/a'], { namespace: 'other' }),
      repo.target('b', ['apps/b']),
      repo.target('c', ['apps/a'], {}, { ring: 2 }),
      repo.target('d', ['apps/b']),
    ];
    repo.write('kube-gitops.yaml', '# the new targets\n');
    let read = '';
    const selection = await repo.select(head, async () => {
      const found = await fileAtCommit(repo.dir, repo.base, 'kube-gitops.yaml');
      read = 'text' in found ? found.text : found.error;
      return base;
    });
    assert.match(read, /^targets:\n {2}- name: a/);
    assert.deepEqual(planned(selection), ['a', 'c', 'd']);
    assert.equal(whyOf(selection, 'a'), 'its settings in `kube-gitops.yaml` changed (its entry or the defaults)');
    assert.equal(whyOf(selection, 'd'), 'it is new in `kube-gitops.yaml`');
    assert.equal(whyOf(selection, 'b'), 'no input changed');
  });

  it("plans a target whose load fails with the load's first line, any secret value in it hidden", async () => {
    const repo = twoTargets();
    repo.write('apps/b/cm.yaml', configMap('b', 'changed'));
    const head = repo.commit('head');
    const targets = [repo.target('a', ['apps/a']), repo.target('b', ['apps/b'])];
    const redactor = new SecretRedactor();
    redactor.add(['hunter2-database-password']);
    const load = () => Promise.reject(new Error('Secret db: value hunter2-database-password is not base64\nsecond line'));
    const selection = await selectTargets(
      {
        targets,
        changed: await commitChanges(repo.dir, repo.base, head),
        workspace: repo.dir,
        targetsFile: { path: 'kube-gitops.yaml', atBase: async () => targets },
      },
      { logger: new RecordingLogger(), redactor, load },
    );
    assert.deepEqual(planned(selection), ['a', 'b']);
    assert.equal(whyOf(selection, 'a'), 'its load fails, so its plan shows why: Secret db: value (value hidden) is not base64');
    assert.equal(selection.failedOpen, undefined);
  });
});
