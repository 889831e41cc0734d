// Adversarial: YAML alias bombs wherever we or a tool we run would expand them. kustomize expands
// aliases in what it reads with no useful limit, so the files a kustomization names are held to the
// alias limits before kustomize runs; and every text we parse (kustomize's or helm's output, sops'
// plaintext) is held to them too, not only the manifest files themselves.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ManifestError } from '../../../src/model/errors.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { chartValueStrings } from '../../../src/load/sources/helm/helm-values-secrets.js';
import { loadManifests } from '../../../src/load/manifest-loader.js';
import { parseDocuments } from '../../../src/load/yaml-documents.js';
import { formatProblem } from '../../../src/model/problem.js';
import { fileTree } from '../../support/file-tree.js';

/** `levels` anchors under `key`, each a sequence of `width` aliases of the one before: width^(levels+1) strings expanded. */
function bombLines(levels: number, width: number, indent = '  '): string[] {
  const lines = [`${indent}a0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `${indent}a${i}: &a${i} [${Array(width)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return lines;
}

const thing = (name: string, spec: string[] = ['  size: 1']) =>
  ['apiVersion: example.com/v1', 'kind: Thing', 'metadata:', `  name: ${name}`, 'spec:', ...spec].join('\n') + '\n';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const ws = fileTree(files, 'kube-gitops-aliases-');
  dirs.push(ws);
  return ws;
}

async function problemsOf(ws: string): Promise<string[]> {
  return problemsOfPaths(ws, ['.']);
}

async function problemsOfPaths(ws: string, paths: string[]): Promise<string[]> {
  try {
    await loadManifests({ workspace: ws, paths, exclude: [], logger: new RecordingLogger() });
  } catch (error) {
    assert.ok(error instanceof ManifestError, `a ManifestError, not ${String(error)}`);
    return error.problems.map(formatProblem);
  }
  assert.fail('expected the manifests to be refused');
}

describe('YAML aliases in what kustomize reads are refused before kustomize runs', () => {
  it('refuses a billion-laughs patch at the patch file and line', async () => {
    const ws = workspace({
      'app/kustomization.yaml': 'resources:\n- thing.yaml\npatches:\n- path: patch.yaml\n',
      'app/thing.yaml': thing('t'),
      'app/patch.yaml': thing('t', bombLines(5, 11)),
    });
    const problems = await problemsOf(ws);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^app\/patch\.yaml:1: kustomize build of 'app' refused: a patch of the kustomization 'app': YAML aliases \(\*name\) in this document expand to [\d,]+ more nodes; aliases may add at most 1,000,000 nodes in a run .*; kustomize was not run$/,
    );
  });

  it('refuses a billion-laughs resource file of a base, at its file and line', async () => {
    const ws = workspace({
      'overlay/kustomization.yaml': 'resources:\n- ../base\n',
      'base/kustomization.yaml': 'resources:\n- ok.yaml\n- bomb.yaml\n',
      'base/ok.yaml': thing('ok'),
      'base/bomb.yaml': `# a comment\n${thing('b', bombLines(5, 11))}`,
    });
    const problems = await problemsOf(path.join(ws));
    assert.ok(problems.length >= 1);
    for (const p of problems)
      assert.match(p, /^base\/bomb\.yaml:2: kustomize build of '(base|overlay)' refused: a resource of the kustomization 'base': YAML aliases/);
  });

  it('refuses a billion-laughs patch written inside the kustomization file, at its line there', async () => {
    const patch = thing('t', bombLines(5, 11))
      .trimEnd()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
    const ws = workspace({ 'app/kustomization.yaml': `resources:\n- thing.yaml\npatches:\n- patch: |-\n${patch}\n`, 'app/thing.yaml': thing('t') });
    const problems = await problemsOf(ws);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^app\/kustomization\.yaml:5: kustomize build of 'app' refused: an inline patch of the kustomization 'app': YAML aliases \(\*name\)/,
    );
  });

  it('refuses aliases that pass in each file but not over the files of one build', async () => {
    const files: Record<string, string> = { 'k/kustomization.yaml': `resources:\n${Array.from({ length: 12 }, (_, i) => `- t${i}.yaml`).join('\n')}\n` };
    for (let i = 0; i < 12; i++) files[`k/t${i}.yaml`] = thing(`t${i}`, bombLines(4, 10));
    const problems = await problemsOf(workspace(files));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^k\/t\d+\.yaml:1: .*which brings the run to [\d,]+; aliases may add at most 1,000,000/);
  });
});

describe('YAML aliases in every text we parse', () => {
  it("refuses aliases over the limit in kustomize's (or any tool's) output, at the document's line", () => {
    const output = `${thing('a')}---\n${thing('b', bombLines(5, 11))}`;
    const parsed = parseDocuments('k/kustomization.yaml', output);
    assert.deepEqual(
      parsed.documents.map((d) => d.line),
      [1],
    );
    assert.equal(parsed.aliasProblems.length, 1);
    assert.equal(parsed.problems[0]?.source?.line, 8);
    assert.match(
      parsed.problems[0]?.message ?? '',
      /^YAML aliases \(\*name\) in this document expand to [\d,]+ more nodes; aliases may add at most 1,000,000 nodes/,
    );
  });

  it('refuses documents of one output that together pass the limit', () => {
    const output = Array.from({ length: 12 }, (_, i) => thing(`t${i}`, bombLines(4, 10))).join('---\n');
    const parsed = parseDocuments('out', output);
    assert.ok(parsed.documents.length < 12);
    assert.match(parsed.problems[0]?.message ?? '', /which brings the file to [\d,]+; aliases may add at most 1,000,000/);
  });

  it("collects a values file's strings visiting each aliased collection once, a recursive one included", () => {
    const values = ['loop: &loop', '  self: *loop', '  word: loop-value', 'password: hunter2-secret'].join('\n');
    const ws = workspace({ 'values.yaml': `${values}\n` });
    assert.deepEqual(chartValueStrings({}, [path.join(ws, 'values.yaml')]).sort(), ['hunter2-secret', 'loop-value']);
  });
});
