// `kube-gitops targets`: the fleet's matrix from a terminal, on a real git repository (FleetRepo):
// the targets whose inputs the branch's commits changed since it left its base (main, else master,
// or --base), the selection and the base on stderr; changes not committed are not counted; without
// a base every target, and why.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run-cli.js';
import { capturingIo } from '../../support/capturing-io.js';
import { FleetRepo, configMap } from '../../support/fleet-repo.js';

const TARGETS = 'targets:\n  - name: web\n    path: apps/web\n    namespace: web\n  - name: db\n    path: apps/db\n    namespace: db\n';

const made: FleetRepo[] = [];
after(() => made.forEach((r) => r.cleanup()));

/** A fleet of two targets committed on master, and a branch `feature` checked out from it. */
function fleetOnBranch(): FleetRepo {
  const repo = new FleetRepo({ 'kube-gitops.yaml': TARGETS, 'apps/web/cm.yaml': configMap('web'), 'apps/db/cm.yaml': configMap('db') });
  made.push(repo);
  repo.git('checkout', '-q', '-b', 'feature');
  return repo;
}

async function targets(repo: FleetRepo, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = capturingIo(repo.dir);
  const code = await runCli(['targets', ...args], io);
  return { code, stdout: stdout(), stderr: stderr() };
}

const short = (sha: string) => sha.slice(0, 7);

describe('kube-gitops targets', () => {
  it("prints the matrix of the targets the branch's commits changed since master (there is no main), and why on stderr", async () => {
    const repo = fleetOnBranch();
    repo.write('apps/web/cm.yaml', configMap('web', 'changed'));
    repo.commit('web changes');
    const run = await targets(repo);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '{"include":[{"target":"web"}]}\n');
    assert.match(run.stderr, new RegExp(`^Base: master \\(merge base ${short(repo.base)}\\)$`, 'm'));
    assert.match(run.stderr, /^planned web: `apps\/web\/cm\.yaml` changed \(/m);
    assert.match(run.stderr, /^not planned db: no input changed$/m);
    assert.match(run.stderr, /^Changed files: git diff [0-9a-f]{7} [0-9a-f]{7}, the commits since master .*changes not committed are not counted\.$/m);
  });

  it('counts from the merge base: what master committed after the branch left it is not the branch’s change', async () => {
    const repo = fleetOnBranch();
    repo.write('apps/web/cm.yaml', configMap('web', 'changed'));
    repo.commit('web changes');
    repo.git('checkout', '-q', 'master');
    repo.write('apps/db/cm.yaml', configMap('db', 'moved on'));
    repo.commit('db on master');
    repo.git('checkout', '-q', 'feature');
    const run = await targets(repo);
    assert.equal(run.stdout, '{"include":[{"target":"web"}]}\n', run.stderr);
  });

  it('takes --base, and prefers main to master when both exist', async () => {
    const repo = fleetOnBranch();
    repo.write('apps/web/cm.yaml', configMap('web', 'changed'));
    const web = repo.commit('web changes');
    repo.git('branch', 'main', web);
    repo.write('apps/db/cm.yaml', configMap('db', 'changed'));
    repo.commit('db changes');
    assert.equal((await targets(repo)).stdout, '{"include":[{"target":"db"}]}\n', 'main (at the web commit) is the base');
    const fromMaster = await targets(repo, '--base', 'master');
    assert.equal(fromMaster.stdout, '{"include":[{"target":"web"},{"target":"db"}]}\n', fromMaster.stderr);
    assert.match(fromMaster.stderr, /^Base: master /m);
  });

  it('plans the target whose entry in the targets file changed, comparing with the file at the merge base', async () => {
    const repo = fleetOnBranch();
    repo.write('kube-gitops.yaml', TARGETS.replace('namespace: db', 'namespace: db2'));
    repo.commit('db moves');
    const run = await targets(repo);
    assert.equal(run.stdout, '{"include":[{"target":"db"}]}\n', run.stderr);
    assert.match(run.stderr, /^planned db: its settings in `kube-gitops.yaml` changed/m);
    assert.match(run.stderr, /^not planned web: no input changed$/m, 'the file at the merge base was read: the entry of web is the same');
  });

  it('does not count changes not committed, and warns that they are left out', async () => {
    const repo = fleetOnBranch();
    repo.write('apps/db/cm.yaml', configMap('db', 'not committed'));
    const run = await targets(repo);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '{"include":[]}\n');
    assert.match(run.stderr, /^warning: 1 file\(s\) under the targets' paths differ from HEAD .*the matrix counts commits only\.$/m);
  });

  it('plans every target when neither main nor master exists, and says why', async () => {
    const repo = fleetOnBranch();
    repo.git('branch', '-q', '-D', 'master');
    const run = await targets(repo);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '{"include":[{"target":"web"},{"target":"db"}]}\n');
    assert.match(run.stderr, /^warning: Every target is planned: .*no base: neither main nor master names a commit in this clone \(pass --base REF\)$/m);
  });

  it('prints a --base holding terminal escape sequences as data, every target planned', async () => {
    const repo = fleetOnBranch();
    const run = await targets(repo, '--base', 'x\u001b]0;pwned\u0007\u001b[2J');
    assert.equal(run.stdout, '{"include":[{"target":"web"},{"target":"db"}]}\n');
    assert.ok(run.stderr.includes('--base x\\u001b]0;pwned\\u0007\\u001b[2J names no commit in this clone'), run.stderr);
    assert.doesNotMatch(run.stderr, /[\u0000-\u0009\u000b-\u001f]/, 'no control character but line feeds reaches the terminal');
  });

  it('fails with the line of a targets file that does not read, exit 1', async () => {
    const repo = fleetOnBranch();
    repo.write('kube-gitops.yaml', 'targets:\n  - name: web\n    path: apps/nowhere\n');
    const run = await targets(repo);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^kube-gitops\.yaml:3: field 'path'/m);
  });
});
