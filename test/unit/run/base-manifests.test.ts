// The base commit's manifests are the head's own only when git proves that every file and listing the
// head's load read is the same at the base, at HEAD and in the working tree. Each case below where
// they are not the same must load the base (the checkout port is called), else drift would be
// mislabelled: a manifest deleted by the pull request, a glob's file removed, an untracked or changed
// file, a symlink followed, a commit the clone lacks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { checkoutCommit } from '../../../src/git/commit-checkout.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { baseManifests } from '../../../src/run/base-manifests.js';
import { loadWithReads } from '../../../src/run/load-stage.js';
import { readSettings } from '../../../src/settings/read-settings.js';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: apps\ndata: {a: "1"}\n`;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repo(files: Record<string, string>): { root: string; git: (...args: string[]) => string; write: (files: Record<string, string>) => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-basem-'));
  dirs.push(root);
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
      encoding: 'utf8',
    }).trim();
  const write = (more: Record<string, string>) => {
    for (const [f, text] of Object.entries(more)) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), text);
    }
  };
  git('init', '-q');
  write(files);
  git('add', '-A');
  git('commit', '-qm', 'base');
  return { root, git, write };
}

/** The base's manifests as the head sees them; `loads` counts the base checkouts. */
async function fromBase(root: string, base: string, pathInput = 'deploy') {
  const inputs: Record<string, string> = { path: pathInput };
  const settings = { ...readSettings((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: root }), workspace: root };
  const logger = new RecordingLogger();
  const redactor = new SecretRedactor();
  const head = await loadWithReads(settings, logger, redactor);
  let loads = 0;
  const checkout = (ws: string, sha: string) => {
    loads++;
    return checkoutCommit(ws, sha);
  };
  const result = await baseManifests(settings, base, head, { logger, redactor, fallback: { checkout } }, 'comparing against nothing');
  return { result, loads, names: result?.objects.map((d) => d.object.metadata.name).sort(), logger };
}

describe('the base commit when the pull request changed no file the load reads', () => {
  it('is the head’s own objects: nothing is checked out or loaded again', async () => {
    const r = repo({ 'deploy/a.yaml': configMap('a'), 'deploy/b.yaml': configMap('b'), 'README.md': 'one' });
    const base = r.git('rev-parse', 'HEAD');
    r.write({ 'README.md': 'two', 'docs/x.yaml': configMap('not-read') });
    r.git('add', '-A');
    r.git('commit', '-qm', 'docs only');
    const { result, loads, names } = await fromBase(r.root, base);
    assert.equal(result?.reused, true);
    assert.equal(loads, 0);
    assert.deepEqual(names, ['a', 'b']);
  });
});

describe('the base commit is loaded whenever git cannot prove it equal', () => {
  it('a manifest the pull request deleted (the head never read it)', async () => {
    const r = repo({ 'deploy/a.yaml': configMap('a'), 'deploy/b.yaml': configMap('b') });
    const base = r.git('rev-parse', 'HEAD');
    r.git('rm', '-q', 'deploy/b.yaml');
    r.git('commit', '-qm', 'drop b');
    const { result, loads, names } = await fromBase(r.root, base);
    assert.equal(result?.reused, false);
    assert.equal(loads, 1);
    assert.deepEqual(names, ['a', 'b']);
  });

  it('a file a glob matched at the base only', async () => {
    const r = repo({ 'deploy/x/app.yaml': configMap('x'), 'deploy/y/app.yaml': configMap('y') });
    const base = r.git('rev-parse', 'HEAD');
    r.git('rm', '-q', 'deploy/y/app.yaml');
    r.git('commit', '-qm', 'drop y');
    const { result, loads, names } = await fromBase(r.root, base, 'deploy/*/app.yaml');
    assert.deepEqual([result?.reused, loads, names], [false, 1, ['x', 'y']]);
  });

  it('an untracked file, and a changed one not committed, in the working tree', async () => {
    const r = repo({ 'deploy/a.yaml': configMap('a') });
    const base = r.git('rev-parse', 'HEAD');
    r.write({ 'deploy/extra.yaml': configMap('extra') });
    const untracked = await fromBase(r.root, base);
    assert.deepEqual([untracked.result?.reused, untracked.loads, untracked.names], [false, 1, ['a']]);
    rmSync(path.join(r.root, 'deploy/extra.yaml'));
    r.write({ 'deploy/a.yaml': configMap('a-edited') });
    const changed = await fromBase(r.root, base);
    assert.deepEqual([changed.result?.reused, changed.loads, changed.names], [false, 1, ['a']]);
  });

  it('a symlink the walk followed (its target’s listing is not named by the read set)', async () => {
    const r = repo({ 'shared/s.yaml': configMap('s'), 'shared/t.yaml': configMap('t'), 'deploy/a.yaml': configMap('a') });
    symlinkSync('../shared', path.join(r.root, 'deploy', 'shared'));
    r.git('add', '-A');
    r.git('commit', '-qm', 'link');
    const base = r.git('rev-parse', 'HEAD');
    r.git('rm', '-q', 'shared/t.yaml');
    r.git('commit', '-qm', 'drop t');
    const { result, loads, names } = await fromBase(r.root, base);
    assert.deepEqual([result?.reused, loads, names], [false, 1, ['a', 's', 't']]);
  });

  it('a base commit the clone lacks: the checkout is asked, and its failure is a note, not a crash', async () => {
    const r = repo({ 'deploy/a.yaml': configMap('a') });
    const { result, loads, logger } = await fromBase(r.root, 'e'.repeat(40));
    assert.equal(result, undefined);
    assert.equal(loads, 1);
    assert.ok(logger.hasMessage('could not be read with git'), logger.messages().join('\n'));
  });
});
