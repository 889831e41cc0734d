// `npm run demo -- --path DIR`: the user's manifests are checked before anything starts (a path that
// does not exist or holds no manifest is one line, never a stack trace) and copied in as they are.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DemoInputError, checkUserPath, copyUserManifests } from '../../../demo/demo-manifests.js';
import { commentFileText } from '../../../demo/demo-comment.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-demo-args-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** `npm run demo -- args` as a user runs it (the checks come before the cluster is touched). */
function demo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'demo/demo.ts', ...args], { cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("the demo's --path", () => {
  it('refuses a path that does not exist, naming it', () => {
    assert.throws(
      () => checkUserPath(path.join(tmp, 'nope')),
      (e: unknown) => e instanceof DemoInputError && /nope: no such file or directory$/.test(e.message),
    );
  });

  it('refuses a folder without any manifest, hidden folders and node_modules not counting', () => {
    const dir = tree('empty', { 'README.md': '# hi\n', '.github/workflows/ci.yml': 'on: push\n', 'node_modules/x/a.yaml': 'a: 1\n' });
    assert.throws(
      () => checkUserPath(dir),
      (e: unknown) => e instanceof DemoInputError && /holds no manifest \(no \.yaml, \.yml or \.json file\)$/.test(e.message),
    );
    assert.throws(() => checkUserPath(path.join(dir, 'README.md')), DemoInputError);
  });

  it('accepts a folder with a manifest at any depth, or one manifest file, and copies it under deploy/user/', () => {
    const dir = tree('mine', { 'apps/web.yaml': 'kind: ConfigMap\n', '.git/config.yaml': 'x: 1\n' });
    const repo = tree('repo', {});
    copyUserManifests(checkUserPath(dir), repo);
    assert.equal(readFileSync(path.join(repo, 'deploy/user/apps/web.yaml'), 'utf8'), 'kind: ConfigMap\n');
    assert.equal(existsSync(path.join(repo, 'deploy/user/.git')), false, 'hidden folders stay out');
    copyUserManifests(checkUserPath(path.join(dir, 'apps/web.yaml')), repo);
    assert.ok(existsSync(path.join(repo, 'deploy/user/web.yaml')));
  });

  it('prints one line and exits 1 for a bad --path or an unknown flag, without starting anything', async () => {
    for (const [args, line] of [
      [['--path', path.join(tmp, 'missing')], `demo: --path ${path.join(tmp, 'missing')}: no such file or directory\n`],
      [['--path', tree('docs-only', { 'a.txt': 'x' })], `demo: --path ${path.join(tmp, 'docs-only')}: holds no manifest (no .yaml, .yml or .json file)\n`],
    ] as const) {
      const run = await demo([...args]);
      assert.deepEqual([run.code, run.stderr, run.stdout], [1, line, ''], args.join(' '));
    }
    const unknown = await demo(['--frobnicate']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^demo: Unknown option '--frobnicate'[^\n]*\n$/);
  });
});

describe("the demo's comment file", () => {
  it('keeps the comment without its hidden marker lines, ending in one newline', () => {
    const comment = '<!-- kube-gitops:plan target=p -->\n<!-- kube-gitops:review v=2 target=p pr=1 -->\n### plan\n\nbody\n\n';
    assert.equal(commentFileText(comment), '### plan\n\nbody\n');
  });
});
