// The layering rules of .dependency-cruiser.cjs, run by `npm run lint`, must catch what they promise
// to catch. A throwaway tree with a deliberate cycle and a deliberate upward import is checked with
// the project's own configuration; the project itself must pass it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
// Run with this Node (npm's scripts put node@24 first; the system one may be older than it supports).
const depcruise = [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs')];
const config = path.join(root, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** The rules the layering check breaks in `dir`'s src/, by name, with each import that breaks it. */
function violations(dir: string): Violation[] {
  const run = spawnSync(process.execPath, [...depcruise, 'src', '--config', config, '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

describe('the layering check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-gitops-layers-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  write(dir, 'tsconfig.json', JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }));
  write(dir, 'package.json', JSON.stringify({ type: 'module' }));

  it('refuses an import cycle and an import from a lower layer to a higher one', () => {
    write(dir, 'src/objects/shape.ts', "import { rule } from '../model/rule.js';\nexport const shape = rule;\n");
    write(dir, 'src/model/rule.ts', "import { shape } from '../objects/shape.js';\nexport const rule = () => shape;\n");
    write(dir, 'src/plan/planner.ts', 'export const planner = 1;\n');
    write(dir, 'src/model/upward.ts', "import { planner } from '../plan/planner.js';\nexport const upward = planner;\n");
    const found = violations(dir).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    assert.ok(found.includes('no-circular: src/model/rule.ts → src/objects/shape.ts'), found.join('\n'));
    assert.ok(found.includes('layer-objects+version.ts: src/objects/shape.ts → src/model/rule.ts'), found.join('\n'));
    assert.ok(found.includes('layer-model: src/model/upward.ts → src/plan/planner.ts'), found.join('\n'));
  });

  it('keeps @kubernetes/client-node in cluster/ and @actions/* on the runner side', () => {
    write(dir, 'src/plan/kube.ts', "import * as k8s from '@kubernetes/client-node';\nexport const kube = k8s;\n");
    write(dir, 'src/wait/core.ts', "import * as core from '@actions/core';\nexport const c = core;\n");
    const rules = new Set(violations(dir).map((v) => v.rule.name));
    assert.ok(rules.has('client-node-only-in-cluster'), [...rules].join(', '));
    assert.ok(rules.has('actions-only-on-the-runner-side'), [...rules].join(', '));
  });

  it('passes on the project itself', () => {
    const out = execFileSync(process.execPath, [...depcruise, 'src', '--config', config, '--output-type', 'err'], { cwd: root, encoding: 'utf8' });
    assert.match(out, /no dependency violations found/);
  });
});
