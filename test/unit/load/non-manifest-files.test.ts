// The default `path: .` on a real repository: the files a walk meets that hold no Kubernetes object
// (workflows, compose, mkdocs) are skipped with one notice; nothing that holds or half-holds an
// object is ever skipped, and skipping never leaves a `path` entry empty.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ManifestError } from '../../../src/model/errors.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { formatProblem, type Problem } from '../../../src/model/problem.js';
import { loadDesiredState, loadManifests } from '../../../src/load/manifest-loader.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {a: "1"}\n`;
const workflow = 'name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';
const compose = 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n';
const mkdocs = 'site_name: Shop\nnav:\n  - Home: index.md\n';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-nonmanifest-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const repositoryRoot = {
  '.github/workflows/ci.yml': workflow,
  '.github/dependabot.yml': 'version: 2\nupdates: []\n',
  'compose.yaml': compose,
  'mkdocs.yml': mkdocs,
  '.pre-commit-config.yaml': 'repos: []\n',
  'deploy/app.yaml': `${cm('web')}---\n${cm('api')}`,
};

async function problemsOf(workspace: string, paths: string[]): Promise<Problem[]> {
  try {
    await loadManifests({ workspace, paths, exclude: [], logger: new RecordingLogger() });
  } catch (error) {
    if (error instanceof ManifestError) return error.problems;
    throw error;
  }
  assert.fail('expected the load to be refused');
}

const skipNotices = (logger: RecordingLogger) => logger.records.filter((r) => /^Skipped \d+ files? that holds? no Kubernetes object/.test(r.message));

describe('a walk over a repository root', () => {
  it('loads the manifests and skips the workflows, compose, mkdocs and pre-commit files with one notice', async () => {
    const logger = new RecordingLogger();
    const { objects, reads } = await loadDesiredState({ workspace: repo(repositoryRoot), paths: ['.'], exclude: [], logger });
    assert.deepEqual(
      objects.map((o) => `${o.object.metadata.name} ${o.source.file}:${o.source.line}`),
      ['web deploy/app.yaml:1', 'api deploy/app.yaml:7'],
    );
    const notices = skipNotices(logger);
    assert.equal(notices.length, 1, JSON.stringify(logger.records));
    assert.equal(notices[0]?.level, 'info');
    assert.equal(
      notices[0]?.message,
      'Skipped 5 files that hold no Kubernetes object (no document with apiVersion, kind or metadata): .github/dependabot.yml, .github/workflows/ci.yml, .pre-commit-config.yaml, compose.yaml, mkdocs.yml; name a file in `path` to load it anyway',
    );
    assert.ok(logger.records.some((r) => r.message === 'Loaded 2 objects from 1 files and kustomizations'));
    assert.ok(reads.files.includes('compose.yaml'), 'a skipped file stays in the read set: its text decided the skip');
  });

  it('skips what a glob picks up as a walk does, and names only the first five files', async () => {
    const many = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`docs/page-${i}.yaml`, `title: page ${i}\n`]));
    const logger = new RecordingLogger();
    const objects = await loadManifests({ workspace: repo({ ...many, 'deploy/app.yaml': cm('web') }), paths: ['**/*.yaml'], exclude: [], logger });
    assert.equal(objects.length, 1);
    assert.match(
      skipNotices(logger)[0]?.message ?? '',
      /: docs\/page-0\.yaml, docs\/page-1\.yaml, docs\/page-2\.yaml, docs\/page-3\.yaml, docs\/page-4\.yaml, … \(2 more\); name a file/,
    );
  });

  it('loads a file whose only object follows a comment-only document', async () => {
    const objects = await loadManifests({
      workspace: repo({ 'a.yaml': `# generated\n---\n${cm('late')}` }),
      paths: ['.'],
      exclude: [],
      logger: new RecordingLogger(),
    });
    assert.deepEqual(
      objects.map((o) => `${o.object.metadata.name} ${o.source.line}`),
      ['late 3'],
    );
  });
});

describe('what is never skipped', () => {
  it('refuses a non-manifest that a path entry names, at its file and line, even when a walk meets it too', async () => {
    const p = await problemsOf(repo(repositoryRoot), ['.', 'compose.yaml']);
    assert.deepEqual(p.map(formatProblem), ['compose.yaml:1: object: missing or not a string: apiVersion, kind, metadata']);
  });

  it('refuses a file holding an object after a document that is none: a half-manifest is a mistake', async () => {
    const p = await problemsOf(repo({ 'a.yaml': `${compose}---\n${cm('web')}` }), ['.']);
    assert.deepEqual(p.map(formatProblem), ['a.yaml:1: object: missing or not a string: apiVersion, kind, metadata']);
  });

  it('refuses a document that has a kind but no apiVersion: a broken manifest, not a non-manifest', async () => {
    const p = await problemsOf(repo({ 'a.yaml': 'kind: ConfigMap\ndata: {a: "1"}\n', 'b.yaml': cm('b') }), ['.']);
    assert.deepEqual(p.map(formatProblem), ['a.yaml:1: ConfigMap: missing or not a string: apiVersion, metadata']);
  });

  it('refuses a file that does not parse, even when the documents that parse hold no object', async () => {
    const p = await problemsOf(repo({ 'a.yaml': `${compose}---\nkind: [\n`, 'b.yaml': cm('b') }), ['.']);
    assert.ok(
      p.some((x) => x.source?.file === 'a.yaml' && x.source.line === 6 && /^YAML syntax error/.test(x.message)),
      JSON.stringify(p),
    );
  });

  it('loads a manifest under a .github directory, at the root or deeper: no path is special', async () => {
    const objects = await loadManifests({
      workspace: repo({ '.github/workflows/ci.yml': workflow, '.github/cm.yaml': cm('root-github'), 'apps/.github/cm.yaml': cm('nested-github') }),
      paths: ['.'],
      exclude: [],
      logger: new RecordingLogger(),
    });
    assert.deepEqual(objects.map((o) => `${o.object.metadata.name} ${o.source.file}`).sort(), [
      'nested-github apps/.github/cm.yaml',
      'root-github .github/cm.yaml',
    ]);
  });

  it('judges a SOPS file as a manifest, whatever its keys', async () => {
    const enc = 'ENC[AES256_GCM,data:eHh4,iv:aaaa,tag:bbbb,type:str]';
    const p = await problemsOf(repo({ 'secret.enc.yaml': `token: ${enc}\nsops:\n  mac: ${enc}\n`, 'b.yaml': cm('b') }), ['.']);
    assert.ok(
      p.some((x) => x.source?.file === 'secret.enc.yaml'),
      JSON.stringify(p),
    );
  });
});

describe('an entry left with nothing', () => {
  it('refuses a path entry whose every file was skipped, as one that matches no manifest, rather than loading nothing', async () => {
    const p = await problemsOf(repo({ 'deploy/app.yaml': cm('web'), 'docs/mkdocs.yml': mkdocs, 'docs/compose.yaml': compose }), ['deploy', 'docs']);
    assert.deepEqual(
      p.map((x) => [x.code, x.pathEntry]),
      [['path-matches-nothing', 'docs']],
    );
    assert.match(p[0]?.message ?? '', /^path 'docs' matches no manifest: every file it reaches holds no Kubernetes object/);
  });

  it('refuses the default path on a repository with only workflows', async () => {
    const p = await problemsOf(repo({ '.github/workflows/ci.yml': workflow }), ['.']);
    assert.deepEqual(
      p.map((x) => [x.code, x.pathEntry]),
      [['path-matches-nothing', '.']],
    );
  });
});
