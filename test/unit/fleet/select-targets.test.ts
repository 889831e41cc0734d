// Which targets a pull request reaches, on real repositories: a change maps to exactly the targets
// whose load read it (kustomize bases, directories read whole, walked paths, symlinks resolved),
// and a change outside every read set plans nothing.
import assert from 'node:assert/strict';
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { commitChanges } from '../../../src/fleet/changed-files.js';
import { selectTargets } from '../../../src/fleet/select-targets.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { FleetRepo, configMap, planned, whyOf } from '../../support/fleet-repo.js';

const made: FleetRepo[] = [];
after(() => made.forEach((r) => r.cleanup()));

/** Five targets: a, b and c build overlays of one kustomize base; d is a walked directory; e a kustomization of its own. */
function fiveTargets(): { repo: FleetRepo; targets: ReturnType<FleetRepo['target']>[] } {
  const overlay = (name: string) => `resources: [../../base]\nnameSuffix: -${name}\n`;
  const repo = new FleetRepo({
    'base/kustomization.yaml': 'resources: [cm.yaml]\n',
    'base/cm.yaml': configMap('shared'),
    'base/NOTES.txt': 'not a resource\n',
    'apps/a/kustomization.yaml': overlay('a'),
    'apps/b/kustomization.yaml': overlay('b'),
    'apps/c/kustomization.yaml': overlay('c'),
    'apps/d/d.yaml': configMap('d'),
    'apps/e/kustomization.yaml': 'resources: [cm.yaml]\n',
    'apps/e/cm.yaml': configMap('e'),
    'README.md': '# fleet\n',
  });
  made.push(repo);
  return { repo, targets: ['a', 'b', 'c', 'd', 'e'].map((n) => repo.target(n, [`apps/${n}`])) };
}

describe('selectTargets', () => {
  it('plans exactly the three targets whose overlays build a changed shared base', async () => {
    const { repo, targets } = fiveTargets();
    repo.write('base/cm.yaml', configMap('shared', 'changed'));
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), ['a', 'b', 'c']);
    assert.equal(whyOf(selection, 'a'), '`base/cm.yaml` changed (its load reads it)');
    assert.equal(whyOf(selection, 'd'), 'no input changed');
    assert.equal(selection.failedOpen, undefined);
  });

  it('plans nothing for a change outside every read set', async () => {
    const { repo, targets } = fiveTargets();
    repo.write('README.md', '# fleet, described\n');
    repo.write('docs/howto.md', 'how\n');
    repo.write('.github/workflows/ci.yml', 'on: push\n');
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), []);
    assert.deepEqual(
      selection.targets.map((t) => t.why),
      Array(5).fill('no input changed'),
    );
  });

  it('plans the targets reading a directory whole when a file in it no resource names is deleted', async () => {
    const { repo, targets } = fiveTargets();
    repo.remove('base/NOTES.txt');
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), ['a', 'b', 'c']);
    assert.equal(whyOf(selection, 'b'), '`base/NOTES.txt` changed (gone at the head, inside `base`, which its load reads whole)');
  });

  it('plans both targets of a file renamed out of one target into another', async () => {
    const { repo, targets } = fiveTargets();
    renameSync(path.join(repo.dir, 'apps/d/d.yaml'), path.join(repo.dir, 'apps/e/d.yaml'));
    repo.write('apps/d/other.yaml', configMap('d2'));
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), ['d', 'e']);
    assert.match(whyOf(selection, 'd'), /^`apps\/d\/d\.yaml` changed \(gone at the head, under its path `apps\/d`\)/);
    assert.equal(whyOf(selection, 'e'), '`apps/e/d.yaml` changed (inside `apps/e`, which its load reads whole)');
  });

  it("plans a target whose load fails at the head, with the load's reason, so its plan shows the error", async () => {
    const { repo, targets } = fiveTargets();
    repo.write('apps/e/kustomization.yaml', 'resources: [missing.yaml]\n');
    repo.write('README.md', 'changed\n');
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), ['e']);
    assert.match(whyOf(selection, 'e'), /^its load fails, so its plan shows why: .*missing\.yaml/);
  });

  it('maps a change behind a symlinked directory to the targets that read through the link', async () => {
    const repo = new FleetRepo(
      {
        'shared/kustomization.yaml': 'resources: [cm.yaml]\n',
        'shared/cm.yaml': configMap('shared'),
        'apps/f/kustomization.yaml': 'resources: [base]\n',
        'real/g/g.yaml': configMap('g'),
        'apps/h/h.yaml': configMap('h'),
      },
      { 'apps/f/base': '../../shared', linked: 'real/g' },
    );
    made.push(repo);
    const targets = [repo.target('f', ['apps/f']), repo.target('g', ['linked']), repo.target('h', ['apps/h'])];
    repo.write('shared/cm.yaml', configMap('shared', 'changed'));
    repo.write('real/g/g.yaml', configMap('g', 'changed'));
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), ['f', 'g']);
    assert.equal(whyOf(selection, 'g'), '`real/g/g.yaml` changed (its load reads it)');
  });

  it('plans the target that walks a symlinked directory when the link itself is pointed elsewhere', async () => {
    const repo = new FleetRepo({ 'real/g/g.yaml': configMap('g'), 'real/g2/g.yaml': configMap('g2'), 'apps/h/h.yaml': configMap('h') }, { linked: 'real/g' });
    made.push(repo);
    rmSync(path.join(repo.dir, 'linked'));
    symlinkSync('real/g2', path.join(repo.dir, 'linked'));
    const selection = await repo.select([repo.target('g', ['linked']), repo.target('h', ['apps/h'])]);
    assert.deepEqual(planned(selection), ['g']);
    assert.equal(whyOf(selection, 'g'), '`linked` changed (its load reads `real/g2/g.yaml` inside it)');
  });

  it("places the paths git lists from the repository's top in a workspace below it, whatever diff.relative says", async () => {
    const repo = new FleetRepo({ 'ws/apps/a/cm.yaml': configMap('a'), 'ws/apps/b/cm.yaml': configMap('b'), 'apps/a/cm.yaml': configMap('outside') });
    made.push(repo);
    repo.git('config', 'diff.relative', 'true');
    const ws = path.join(repo.dir, 'ws');
    const targets = ['a', 'b'].map((n) => repo.target(n, [`apps/${n}`], { workspace: ws }));
    repo.write('ws/apps/b/cm.yaml', configMap('b', 'changed'));
    repo.write('apps/a/cm.yaml', configMap('outside', 'changed'));
    const changed = await commitChanges(ws, repo.base, repo.commit('head'));
    assert.deepEqual(changed.known && changed.paths, ['apps/a/cm.yaml', 'ws/apps/b/cm.yaml']);
    const selection = await selectTargets(
      { targets, changed, workspace: ws, targetsFile: { path: 'kube-gitops.yaml', atBase: async () => targets } },
      { logger: new RecordingLogger(), redactor: new SecretRedactor() },
    );
    assert.deepEqual(planned(selection), ['b']);
    assert.equal(whyOf(selection, 'b'), '`ws/apps/b/cm.yaml` changed (its load reads it)');
  });
});
