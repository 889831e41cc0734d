// What a plan that sends no dry-run misses, shown beside the figures: a set of one Service whose
// port the API server refuses (99999 > 65535), planned by each tool. kapp's plan (`deploy
// --diff-run`: a GET and a local diff) says "create" and exits 0; the refusal comes only when its
// apply writes. kube-gitops and Flux's engine dry-run every object, so their plans refuse it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshNamespace, kubectlRun } from './bench-kit.js';
import { commands, type Peers, type SetTarget } from './peers.js';
import type { BenchContext } from './scenarios.js';

export interface DemoLine {
  tool: string;
  step: string;
  exitCode: number;
  says: string;
}

const NS = 'bench-refused-demo';
/** Every exit code is an answer here: the demonstration is which tool refuses. */
const ANY = Array.from({ length: 256 }, (_, i) => i);

/** One line of what the tool printed, the refusal if there was one. */
function gist(out: string): string {
  const lines = out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /99999|is invalid|must be between/i.test(l)) ?? lines.find((l) => /create|Op:|Succeeded|plan:/i.test(l)) ?? lines[0] ?? '').slice(
    0,
    160,
  );
}

export async function validationDemo(ctx: BenchContext & { peers: Peers }): Promise<{ lines: DemoLine[]; text: string }> {
  const { c, counter, work, peers } = ctx;
  await freshNamespace(c, NS);
  const dir = path.join(work, 'invalid-demo');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'svc.yaml'),
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: bad-port\n  namespace: ${NS}\nspec:\n  selector: {app: x}\n  ports:\n  - port: 99999\n`,
  );
  const set: SetTarget = { dir, name: 'demo', ns: NS, kubeconfigFile: counter.kubeconfigFile, inventory: `${dir}.inventory.json` };
  const lines: DemoLine[] = [];
  const steps: [string, string, () => Promise<{ code: number; stdout: string; stderr: string }>][] = [
    ['kapp', 'plan (deploy --diff-run)', () => commands.kapp.plan(peers, set, ANY)],
    ['kube-gitops', 'plan', () => commands['kube-gitops-process'].plan(peers, set, ANY)],
    ['Flux SSA', 'plan (Diff)', () => commands['flux-ssa'].plan(peers, set, ANY)],
    ['kapp', 'apply (deploy --yes --wait=false)', () => commands.kapp.apply(peers, set, ANY)],
  ];
  for (const [tool, step, fn] of steps) {
    const r = await fn();
    lines.push({ tool, step, exitCode: r.code, says: gist(`${r.stderr}\n${r.stdout}`) });
  }
  await kubectlRun(c, ['delete', 'namespace', NS, '--wait=false']);
  const text = [
    'A Service with port 99999 (the API server refuses it):',
    '| tool | step | exit | says |',
    '| --- | --- | ---: | --- |',
    ...lines.map((l) => `| ${l.tool} | ${l.step} | ${l.exitCode} | ${l.says.replace(/\|/g, '\\|')} |`),
  ].join('\n');
  return { lines, text };
}
