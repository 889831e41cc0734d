// Adversarial input to the loader (issue 12, classes 4 and 5): reading outside the workspace
// through symlinks, special files, YAML alias bombs and oversized files. New code paths that read
// manifests are checked against these cases.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ManifestError } from '../../../src/model/errors.js';
import { formatProblem } from '../../../src/model/problem.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { loadManifests } from '../../../src/load/manifest-loader.js';
import { MAX_ALIAS_NODES, MAX_MANIFEST_BYTES } from '../../../src/load/manifest-limits.js';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import { viaPath } from '../../../src/objects/source-location.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {a: "1"}\n`;

/** A fresh directory holding `workspace/` (given files) and `outside/` (a sibling, off limits). */
function layout(files: Record<string, string> = {}): { ws: string; outside: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-adv-'));
  const ws = path.join(dir, 'workspace');
  const outside = path.join(dir, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    writeFileSync(path.join(ws, name), text);
  }
  return { ws, outside };
}

function link(ws: string, name: string, target: string): void {
  mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
  symlinkSync(target, path.join(ws, name));
}

async function load(ws: string, paths = ['.'], logger = new RecordingLogger()): Promise<DesiredObject[]> {
  return loadManifests({ workspace: ws, paths, exclude: [], logger });
}

async function refused(ws: string, paths = ['.']): Promise<string[]> {
  try {
    await load(ws, paths);
  } catch (error) {
    assert.ok(error instanceof ManifestError, `a ManifestError, not ${String(error)}`);
    return error.problems.map(formatProblem);
  }
  assert.fail('expected the manifests to be refused');
}

describe('class 4: nothing is read from outside the workspace', () => {
  it('refuses a symlink to nothing in a walked folder, whatever its name: its target (a folder of manifests, maybe) was renamed or deleted', async () => {
    const { ws } = layout({ 'deploy/ok.yaml': cm('ok') });
    link(ws, 'deploy/common', '../shared');
    const p = await refused(ws, ['deploy']);
    assert.deepEqual(p, ["'deploy/common' is a symlink to '../shared', which does not exist; remove the link or restore its target"]);
  });

  it('refuses a symlink to a file outside the workspace, naming the link and its target', async () => {
    const { ws, outside } = layout({ 'deploy/ok.yaml': cm('ok') });
    writeFileSync(path.join(outside, 'stolen.yaml'), cm('stolen'));
    link(ws, 'deploy/app.yaml', path.join(outside, 'stolen.yaml'));
    const p = await refused(ws);
    assert.equal(p.length, 1, p.join('\n'));
    assert.ok(p[0]!.includes(`'deploy/app.yaml' is a symlink to ${path.join(outside, 'stolen.yaml')}, outside the workspace`), p[0]);
  });

  it('refuses a symlink to /proc/self/environ and one to /dev/zero without reading them', async () => {
    const { ws } = layout();
    link(ws, 'env.yaml', '/proc/self/environ');
    link(ws, 'zero.yaml', '/dev/zero');
    const p = await refused(ws);
    assert.deepEqual(
      p.map((x) => /'(\w+\.yaml)' is a symlink to ([^\s,]+)[^']*outside the workspace/.exec(x)?.slice(1)),
      [
        ['env.yaml', '/proc/self/environ'],
        ['zero.yaml', '/dev/zero'],
      ],
    );
    assert.match(p[0]!, /is a symlink to \/proc\/self\/environ \(\/proc\/\d+\/environ\), outside/, 'the link as written and where it leads');
  });

  it('refuses a symlink given directly as the path, and a path that leads through a symlinked directory', async () => {
    const { ws, outside } = layout();
    writeFileSync(path.join(outside, 'x.yaml'), cm('x'));
    link(ws, 'direct.yaml', path.join(outside, 'x.yaml'));
    link(ws, 'deploy', outside);
    assert.match((await refused(ws, ['direct.yaml']))[0]!, /path 'direct\.yaml': 'direct\.yaml' is a symlink to .*outside\/x\.yaml, outside the workspace/);
    assert.match((await refused(ws, ['deploy/x.yaml']))[0]!, /'deploy\/x\.yaml' leads through a symlink to .*outside\/x\.yaml, outside the workspace/);
    assert.match((await refused(ws, ['deploy']))[0]!, /'deploy' is a symlink to .*outside, outside the workspace/);
  });

  it('refuses a symlinked directory pointing outside met in a directory walk', async () => {
    const { ws, outside } = layout({ 'deploy/ok.yaml': cm('ok') });
    writeFileSync(path.join(outside, 'x.yaml'), cm('x'));
    link(ws, 'deploy/shared', outside);
    const p = await refused(ws, ['deploy']);
    assert.deepEqual(p, [
      `'deploy/shared' is a symlink to ${outside}, outside the workspace: only files inside the workspace are read; copy the file into the repository instead`,
    ]);
  });

  it('refuses a named pipe, given directly or met in a walk, without blocking on it', async () => {
    const { ws } = layout({ 'deploy/ok.yaml': cm('ok') });
    execFileSync('mkfifo', [path.join(ws, 'deploy/pipe.yaml')]);
    assert.deepEqual(await refused(ws, ['deploy']), [`'deploy/pipe.yaml' is a named pipe (FIFO), not a regular file: only regular files are read`]);
    assert.match((await refused(ws, ['deploy/pipe.yaml']))[0]!, /'deploy\/pipe\.yaml' is a named pipe \(FIFO\), not a regular file/);
  });

  it('loads a file symlinked inside the workspace once, under its real name, and logs the link', async () => {
    const { ws } = layout({ 'shared/base.yaml': cm('base'), 'deploy/own.yaml': cm('own') });
    link(ws, 'deploy/base.yaml', '../shared/base.yaml');
    link(ws, 'deploy/again.yaml', '../shared/base.yaml');
    const logger = new RecordingLogger();
    const objects = await load(ws, ['deploy', 'shared'], logger);
    assert.deepEqual(
      objects.map((o) => [o.source.file, o.object.metadata.name]),
      [
        ['deploy/own.yaml', 'own'],
        ['shared/base.yaml', 'base'],
      ],
    );
    const notes = logger.records.filter((r) => r.message.startsWith('Followed the symlink')).map((r) => r.message);
    assert.deepEqual(notes, [
      'Followed the symlink deploy/again.yaml -> shared/base.yaml (inside the workspace)',
      'Followed the symlink deploy/base.yaml -> shared/base.yaml (inside the workspace)',
    ]);
  });

  it('follows a symlinked directory inside the workspace, and a kustomization reached through one', async () => {
    const { ws } = layout({ 'real/a.yaml': cm('a'), 'k/kustomization.yaml': 'resources:\n- cm.yaml\n', 'k/cm.yaml': cm('from-kustomize') });
    link(ws, 'deploy/linked', '../real');
    link(ws, 'deploy/kust', '../k');
    const objects = await load(ws, ['deploy']);
    assert.deepEqual(
      objects.map((o) => [o.source.file, viaPath(o.source, 'kustomization'), o.object.metadata.name]),
      [
        ['k/cm.yaml', 'k', 'from-kustomize'],
        ['real/a.yaml', undefined, 'a'],
      ],
    );
  });

  it('refuses a kustomization whose kustomization file, or whose directory, is a symlink outside', async () => {
    const { ws, outside } = layout();
    writeFileSync(path.join(outside, 'kustomization.yaml'), 'resources: []\n');
    link(ws, 'k/kustomization.yaml', path.join(outside, 'kustomization.yaml'));
    link(ws, 'deploy/kust', outside);
    assert.deepEqual(
      (await refused(ws, ['k'])).map((x) => x.replace(outside, '<outside>')),
      [
        `'k/kustomization.yaml' is a symlink to <outside>/kustomization.yaml, outside the workspace: only files inside the workspace are read; copy the file into the repository instead`,
      ],
    );
    assert.match((await refused(ws, ['deploy']))[0]!, /'deploy\/kust' is a symlink to .*outside, outside the workspace/);
  });

  it('refuses a kustomization that reaches a base directory outside the workspace, directly or through a base', async () => {
    const { ws, outside } = layout({
      'direct/kustomization.yaml': 'resources:\n- ../../outside\n',
      'layered/kustomization.yaml': 'resources:\n- ../shared\n',
      'shared/kustomization.yaml': 'resources:\n- cm.yaml\n- ../../outside\n',
      'shared/cm.yaml': cm('shared'),
    });
    writeFileSync(path.join(outside, 'kustomization.yaml'), 'resources:\n- cm.yaml\n');
    writeFileSync(path.join(outside, 'cm.yaml'), cm('from-outside'));
    const direct = await refused(ws, ['direct']);
    assert.deepEqual(
      direct.map((x) => x.replace(outside, '<outside>')),
      [
        "direct/kustomization.yaml:1: kustomize build of 'direct' failed: the kustomization direct references '../../outside', which resolves to <outside>, outside the workspace; only manifests inside the workspace are read",
      ],
    );
    assert.match(
      (await refused(ws, ['layered']))[0]!,
      /the kustomization shared references '\.\.\/\.\.\/outside', which resolves to .*outside, outside the workspace/,
    );
  });

  it('refuses a symlink loop between two files and a directory link back into its ancestors', async () => {
    const { ws } = layout({ 'deploy/ok.yaml': cm('ok') });
    link(ws, 'deploy/a.yaml', 'b.yaml');
    link(ws, 'deploy/b.yaml', 'a.yaml');
    link(ws, 'deploy/sub/up', '../..');
    const p = await refused(ws, ['deploy']);
    assert.deepEqual(p, [
      `'deploy/a.yaml' is a symlink loop (it points to 'b.yaml'); remove the link`,
      `'deploy/b.yaml' is a symlink loop (it points to 'a.yaml'); remove the link`,
      `'deploy/sub/up' is a symlink to '.', a directory that contains the link: following it would loop; remove the link or exclude it`,
    ]);
  });

  it('lets an exclude glob silence a bad symlink, and still refuses paths with .. or outside absolute paths', async () => {
    const { ws, outside } = layout({ 'deploy/ok.yaml': cm('ok') });
    link(ws, 'deploy/vendor/x.yaml', '/etc/hostname');
    const objects = await loadManifests({ workspace: ws, paths: ['deploy'], exclude: ['deploy/vendor/**'], logger: new RecordingLogger() });
    assert.deepEqual(
      objects.map((o) => o.object.metadata.name),
      ['ok'],
    );
    assert.deepEqual(await refused(ws, ['../outside']), [`path '../outside' points outside the workspace`]);
    assert.deepEqual(await refused(ws, [outside]), [`path '${outside}' points outside the workspace`]);
    assert.equal((await load(ws, [path.join(ws, 'deploy/ok.yaml')])).length, 1, 'an absolute path inside the workspace is fine');
  });
});

/** `levels` anchors, each a sequence of `width` aliases of the one before: width^levels strings when expanded. */
function aliasBomb(levels: number, width: number, name = 'bomb'): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, 'data:', `  a0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `  a${i}: &a${i} [${Array(width)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

describe('class 5: YAML alias bombs and oversized files are refused before anything expands', () => {
  it('refuses a billion-laughs document, naming the file, its line and the limit', async () => {
    const { ws } = layout({ 'ok.yaml': cm('ok'), 'bomb.yaml': `${cm('first')}---\n${aliasBomb(9, 9)}` });
    const p = await refused(ws);
    assert.equal(p.length, 1, p.join('\n'));
    assert.match(
      p[0]!,
      /^bomb\.yaml:7: YAML aliases \(\*name\) in this document expand to [\d,]+ more nodes; aliases may add at most 1,000,000 nodes in a run/,
    );
    assert.equal(MAX_ALIAS_NODES, 1_000_000);
  });

  it('refuses aliases that stay under the limit in each document but not over the run', async () => {
    const one = aliasBomb(5, 9, 'part');
    const bytes = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`p${String(i).padStart(2, '0')}.yaml`, one.replace('name: part', `name: part${i}`)]),
    );
    const p = await refused(layout(bytes).ws);
    assert.equal(p.length, 1, p.join('\n'));
    assert.match(
      p[0]!,
      /^p\d\d\.yaml:1: YAML aliases \(\*name\) in this document expand to [\d,]+ more nodes, which brings the run to [\d,]+; aliases may add at most 1,000,000/,
    );
  });

  it('refuses an alias inside the collection it names, and aliases nesting deeper than 100 levels', async () => {
    const recursive = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loop\ndata: &d\n  self: *d\n';
    const deep = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: deep',
      'data:',
      '  l0: &l0 [x]',
      ...Array.from({ length: 120 }, (_, i) => `  l${i + 1}: &l${i + 1} [*l${i}]`),
    ].join('\n');
    const p = await refused(layout({ 'loop.yaml': recursive, 'deep.yaml': deep }).ws);
    assert.deepEqual(p, [
      'deep.yaml:1: with its aliases (*name) expanded the document nests 123 levels deep; the limit is 100',
      'loop.yaml:1: an alias (*name) inside the collection its anchor names makes the document infinite; write the value out instead',
    ]);
  });

  it('refuses a file over the size limit without reading it, naming the file and the limit', async () => {
    const { ws } = layout({ 'ok.yaml': cm('ok') });
    const fd = openSync(path.join(ws, 'huge.yaml'), 'w');
    ftruncateSync(fd, MAX_MANIFEST_BYTES + 1);
    closeSync(fd);
    assert.deepEqual(await refused(ws), [
      `huge.yaml:1: 'huge.yaml' is ${MAX_MANIFEST_BYTES + 1} bytes, over the limit of 33554432 bytes (32 MiB) for one manifest file or kustomize output; split it`,
    ]);
  });

  it('still loads a normal document with a few aliases, expanded as YAML says', async () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: &labels {app: web, tier: front}\nspec:\n' +
      '  selector:\n    matchLabels: *labels\n  template:\n    metadata:\n      labels: *labels\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        env: &env [{name: A, value: "1"}]\n      - name: side\n        image: busybox\n        env: *env\n';
    const [web] = await load(layout({ 'web.yaml': text }).ws);
    assert.deepEqual(JSON.parse(JSON.stringify(web!.object.spec)), {
      selector: { matchLabels: { app: 'web', tier: 'front' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'front' } },
        spec: {
          containers: [
            { name: 'web', image: 'nginx', env: [{ name: 'A', value: '1' }] },
            { name: 'side', image: 'busybox', env: [{ name: 'A', value: '1' }] },
          ],
        },
      },
    });
  });
});
