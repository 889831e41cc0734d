// The merged pull request's one rollout comment for a fleet: what the merge did first (rolled out
// everywhere, or where it stopped), then one table per ring in rollout order (targets without a ring
// last), each target with its outcome and why. Pure. Everything read from a plan file is data:
// escaped text, cut to a line's length; a run is linked only under this repository's runs.
import { escapeMessage, inlineCode, cellCode } from '../text/markdown-escape.js';
import type { RolloutRow, RolloutState } from './rollout-rows.js';

export interface RolloutView {
  marker: string;
  sha: string;
  commitUrl: string;
  /** `https://github.com/<owner>/<repo>/actions/runs/`: only runs below it are linked. */
  runUrlPrefix: string;
  /** The rings in rollout order. */
  rings: readonly string[];
}

const WORDS: Record<RolloutState, string> = {
  applied: '✅ applied, healthy',
  failed: '❌ failed',
  stopped: '⛔ stopped, nothing written',
  'no-report': '➖ did not run',
};

/** A reason is cut to this many characters: a table row stays one line. */
const WHY_MAX = 300;

export function renderRolloutMarkdown(rows: readonly RolloutRow[], view: RolloutView): string {
  const short = inlineCode(view.sha.slice(0, 7));
  const applied = rows.filter((r) => r.state === 'applied').length;
  const groups = [
    ...view.rings.map((ring) => ({ title: `Ring ${ring}`, rows: rows.filter((r) => r.ring === ring) })),
    { title: 'Without a ring', rows: rows.filter((r) => r.ring === undefined) },
  ].filter((g) => g.rows.length > 0);
  const firstStopped = groups.find((g) => g.rows.some((r) => r.state !== 'applied'));
  const head =
    applied === rows.length
      ? `### ✅ Rolled out [${short}](${view.commitUrl}) to all ${rows.length} targets`
      : `### ⛔ The rollout of [${short}](${view.commitUrl}) stopped${firstStopped ? ` at ${firstStopped.title.toLowerCase()}` : ''}`;
  const lines = [view.marker, head, '', `${applied} of ${rows.length} targets applied and healthy.`, ''];
  for (const g of groups) {
    lines.push(`#### ${escapeMessage(g.title)}`, '', '| target | environment | outcome | why |', '| --- | --- | --- | --- |');
    for (const r of g.rows) lines.push(`| ${cellCode(r.target)} | ${r.environment ? cellCode(r.environment) : '—'} | ${WORDS[r.state]} | ${why(r, view)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

function why(r: RolloutRow, view: RolloutView): string {
  const text = r.why.map((w) => (w.length > WHY_MAX ? `${w.slice(0, WHY_MAX)}…` : w).replace(/\s+/g, ' ')).join(' ');
  const run = r.runUrl && isRunUrl(r.runUrl, view.runUrlPrefix) ? ` ([run](${r.runUrl}))` : '';
  return `${escapeMessage(text, 'cell')}${run}`;
}

function isRunUrl(url: string, prefix: string): boolean {
  return url.startsWith(prefix) && /^\d+(\/attempts\/\d+)?$/.test(url.slice(prefix.length));
}
