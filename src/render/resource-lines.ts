// The resource delta in words, written once for the comment (Markdown) and the terminal (plain):
// the total line (`+1.5 CPU, +3 GiB memory requests, +4 pods, +20 GiB storage`, a range where an
// HPA scales, "no change in requested resources" when nothing changes), what the quotas say, the
// monthly estimate, and one line per workload. Names from manifests are data (f.code / f.text).
import type { AmountRange, QuotaCheck, ReplicaCount, ResourceAmounts, ResourceDelta, WorkloadResources } from '../model/resources.js';
import { MARKDOWN, PLAIN, type TextFormat } from './text-format.js';

const UNITS: readonly (readonly [number, string])[] = [
  [1024 ** 4, 'TiB'],
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
];

const trim = (n: number, digits: number): string => String(Number(n.toFixed(digits)));

function signed(text: string, n: number): string {
  return n > 0 ? `+${text}` : n < 0 ? `-${text}` : text;
}

export function cpuText(cores: number): string {
  const a = Math.abs(cores);
  return signed(a !== 0 && a < 0.001 ? String(Number(a.toPrecision(2))) : trim(a, 3), cores);
}

export function bytesText(bytes: number): string {
  if (bytes === 0) return '0';
  const a = Math.abs(bytes);
  const [size, unit] = UNITS.find(([s]) => a >= s) ?? [1, 'B'];
  return `${signed(trim(a / size, 2), bytes)} ${unit}`;
}

const countText = (n: number): string => signed(String(Math.abs(n)), n);

/** ` pods` or ` pod`: the noun after a range or a count, by its larger end. */
const plural =
  (noun: string) =>
  (range: AmountRange, get: Part): string =>
    Math.max(Math.abs(get(range.low)), Math.abs(get(range.high))) === 1 ? ` ${noun}` : ` ${noun}s`;

type Part = (a: ResourceAmounts) => number;

/** `+1.5 CPU` or `+0.5 to +2.5 CPU` (an HPA's range); empty when both ends are zero. */
function part(range: AmountRange, get: Part, text: (n: number) => string, noun: string): string[] {
  const low = get(range.low);
  const high = get(range.high);
  if (low === 0 && high === 0) return [];
  return [`${low === high ? text(low) : `${text(low)} to ${text(high)}`}${noun}`];
}

/** The change in words, without the quota or the estimate. */
export function amountsText(range: AmountRange): string {
  const requests = [...part(range, (a) => a.cpuRequests, cpuText, ' CPU'), ...part(range, (a) => a.memoryRequests, bytesText, ' memory')];
  const limits = [...part(range, (a) => a.cpuLimits, cpuText, ' CPU'), ...part(range, (a) => a.memoryLimits, bytesText, ' memory')];
  const pods = part(
    range,
    (a) => a.pods,
    countText,
    plural('pod')(range, (a) => a.pods),
  );
  const storage = part(range, (a) => a.storage, bytesText, ' storage');
  const claims = part(
    range,
    (a) => a.claims,
    countText,
    plural('PVC')(range, (a) => a.claims),
  );
  const all = [
    ...(requests.length ? [`${requests.join(', ')} requests`] : []),
    ...(limits.length ? [`${limits.join(', ')} limits`] : []),
    ...pods,
    ...(storage.length ? [`${storage.join('')}${claims.length ? ` (${claims.join('')})` : ''}`] : claims),
  ];
  return all.length ? all.join(', ') : 'no change in requested resources';
}

function quotaText(q: QuotaCheck, f: TextFormat): string {
  switch (q.verdict) {
    case 'fits':
      return `fits the ResourceQuota ${f.code(q.quota)}`;
    case 'exceeds':
      return `${f.icon('⚠️')}${f.strong(`exceeds the ResourceQuota ${f.code(q.quota)}`)} (${f.text(q.exceeded.join('; '))})`;
    case 'unknown':
      return `ResourceQuota ${f.code(q.quota)} not checked: ${f.text(q.note ?? '')}`;
  }
}

/** `≈ +12.30 a month at the given prices (730 h)`, or a range. */
export function moneyText(m: { low: number; high: number }): string {
  const one = (n: number): string => `${n < 0 ? '-' : '+'}${Math.abs(n).toFixed(2)}`;
  return `≈ ${m.low === m.high ? one(m.low) : `${one(m.low)} to ${one(m.high)}`} a month at the given prices (730 h)`;
}

/** The one line under the verdict: the total, then what each quota says, then the estimate. */
export function resourceHeadline(delta: ResourceDelta, f: TextFormat): string {
  const total = amountsText(delta.total);
  const perNode = delta.workloads.some((w) => w.after?.kind === 'per-node' || w.before?.kind === 'per-node') ? ' (DaemonSets per node apart)' : '';
  const runs = delta.runs.length ? `; ${delta.runs.length} Job/CronJob change(s) apart` : '';
  const quotas = delta.quotas.map((q) => quotaText(q, f));
  const money = delta.monthly ? [moneyText(delta.monthly)] : [];
  return `${f.icon('📦')}${f.strong('Resources:')} ${total}${perNode}${runs}${[...quotas, ...money].map((s) => ` · ${s}`).join('')}.`;
}

export function replicasText(r: ReplicaCount | undefined): string {
  if (!r) return '0';
  switch (r.kind) {
    case 'count':
      return String(r.count);
    case 'hpa':
      return `${r.min}–${r.max} (HPA ${r.hpa})`;
    case 'nodes':
      return `${r.count} of ${r.of} nodes`;
    case 'per-node':
      return '1 per node';
  }
}

function runsText(w: WorkloadResources, f: TextFormat): string {
  if (!w.runs) return '';
  const { parallelism, completions, schedule } = w.runs;
  const done = completions === undefined ? '' : `, ${completions} completion(s)`;
  return ` (runs and ends: ${parallelism} pod(s) at a time${done}${schedule ? `, schedule ${f.code(schedule)}` : ''})`;
}

/** One line per workload: `Deployment/shop/web (update, replicas 2 → 5): +0.3 CPU, … requests, +3 pods`. */
export function workloadLine(w: WorkloadResources, f: TextFormat): string {
  const replicas = w.before || w.after ? `, replicas ${f.text(`${w.before ? replicasText(w.before) : '—'} → ${w.after ? replicasText(w.after) : '—'}`)}` : '';
  const notes = w.notes.length ? `; ${f.text(w.notes.join('; '))}` : '';
  return `${f.code(w.workload)} (${w.action}${replicas})${runsText(w, f)}: ${amountsText(w.change)}${notes}`;
}

/** The lines under the headline: per workload, the Jobs apart, how DaemonSets counted, what did not read. */
export function resourceDetails(delta: ResourceDelta, f: TextFormat, max: number): string[] {
  const lines = [
    ...delta.workloads.map((w) => workloadLine(w, f)),
    ...delta.runs.map((w) => `${workloadLine(w, f)} (apart from the total)`),
    ...(delta.daemonSets ? [`DaemonSets count ${f.text(delta.daemonSets)}.`] : []),
    ...delta.problems.map((p) => `${f.icon('⚠️')}${f.text(p)}`),
  ];
  return lines.length > max ? [...lines.slice(0, max), `…and ${lines.length - max} more line(s) in the plan file (plan.resources).`] : lines;
}

/** Workload lines shown under the headline at most (the plan file has them all). */
const DETAIL_LINES = 30;

/** The comment's lines: the headline, then the per-workload lines collapsed. */
export function resourceMarkdown(delta: ResourceDelta): string[] {
  const details = resourceDetails(delta, MARKDOWN, DETAIL_LINES);
  const block = details.length ? ['<details><summary>Resources by workload</summary>', '', ...details.map((l) => `- ${l}`), '', '</details>', ''] : [];
  return [resourceHeadline(delta, MARKDOWN), '', ...block];
}

/** The terminal's lines: the headline, then the per-workload lines indented. */
export function resourceTerminal(delta: ResourceDelta): string[] {
  return [resourceHeadline(delta, PLAIN), ...resourceDetails(delta, PLAIN, DETAIL_LINES).map((l) => `  ${l}`), ''];
}

/** The `resources` step output: the summary line, the totals, the quota verdicts and the estimate, as JSON. */
export function resourcesOutput(delta: ResourceDelta): string {
  const quotas = delta.quotas.map(({ quota, verdict, exceeded }) => ({ quota, verdict, exceeded }));
  return JSON.stringify({ summary: amountsText(delta.total), total: delta.total, quotas, ...(delta.monthly ? { monthly: delta.monthly } : {}) });
}
