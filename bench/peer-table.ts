// The bench's one table: scenario × tool, the medians of one run of `npm run bench`, with each
// scenario's API requests and the ratios that say who is faster (a peer ÷ kube-gitops as a process:
// above 1 we are faster; our process ÷ our engine in-process: the cost outside the engine).
import { MAX_SIZE, SCENARIOS, type Sample, type SizeResult, type Tool } from './scenarios.js';

const HEAD: Record<Tool, string> = {
  'kube-gitops': 'kube-gitops in-process',
  'kube-gitops-process': 'kube-gitops process',
  kubectl: 'kubectl',
  kapp: 'kapp',
  'flux-ssa': 'Flux SSA',
  floor: 'floor',
};
const COLUMNS: Tool[] = ['kube-gitops', 'kube-gitops-process', 'kubectl', 'kapp', 'flux-ssa', 'floor'];

export function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b >= 10 ? 1 : 2)}×`;

/** One cell: time, the ratio that compares it, and its requests. */
function cell(tool: Tool, row: Partial<Record<Tool, Sample>>, n: number): string {
  const s = row[tool];
  if (!s) return n > MAX_SIZE[tool] ? `not run (N > ${MAX_SIZE[tool]})` : 'not run';
  const process = row['kube-gitops-process'];
  const inProcess = row['kube-gitops'];
  const req = `${s.requests} req`;
  if (tool === 'kube-gitops-process') return `${seconds(s.ms)} · ${inProcess ? `${ratio(s.ms, inProcess.ms)} in-process · ` : ''}${req}`;
  if (tool === 'kube-gitops' || tool === 'floor') return `${seconds(s.ms)} · ${req}`;
  return `${seconds(s.ms)} · ${process ? `**${ratio(s.ms, process.ms)}** · ` : ''}${req}`;
}

export function peerTable(sizes: SizeResult[]): string {
  const lines = [`| N | scenario | ${COLUMNS.map((t) => HEAD[t]).join(' | ')} | kluctl |`, `| --- | --- | ${COLUMNS.map(() => '---:').join(' | ')} | --- |`];
  for (const size of sizes)
    for (const scenario of SCENARIOS) {
      const row = size.medians[scenario];
      lines.push(`| ${size.n} | ${scenario} | ${COLUMNS.map((t) => cell(t, row, size.n)).join(' | ')} | not built¹ |`);
    }
  return [
    ...lines,
    '',
    "Medians of each size's runs, the tools alternating; waits off for every tool. Peers: time · peer ÷ kube-gitops as a process (above 1× we are faster) · API requests.",
    'kube-gitops process: `node dist/cli.js`, spawn to exit · its time ÷ the same engine in-process. Requests counted by the proxy every tool goes through (bench/count-proxy.ts).',
    '¹ kluctl could not be built from the Go module proxy (two go-git pseudo-versions refused, its nested lib module missing from the module zip); see docs/speed.md.',
  ].join('\n');
}
