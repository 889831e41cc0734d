// The fleet's drift summary issue: one issue that lists the targets whose cluster differs from Git
// and links each target's own drift issue; it stays open while any target differs or could not be
// checked, and closes once every target was checked and none differs. Pure: the caller reads the
// plan files and the issues, and syncs the issue (src/github/drift-issue.ts).
import { linesWithin } from '../render/byte-budget.js';
import { escapeMessage, inlineCode } from '../text/markdown-escape.js';

/** What the drift check of one target of the fleet found. */
export interface FleetDriftTarget {
  target: string;
  state: 'differs' | 'matches' | 'unchecked';
  /** Why it could not be checked (a failed job, no plan file, a plan file of another commit). */
  reason?: string;
  /** The target's own drift issue, when it has one open. */
  issue?: { number: number; url: string };
  /** The run whose job summary holds the target's check. */
  runUrl?: string;
}

export interface FleetDriftSummary {
  /** Whether the summary issue is to be open. */
  open: boolean;
  title: string;
  body: string;
  closingComment: string;
}

/** The table's room: the issue stays within GitHub's 65,536 characters at any fleet size (drifted and unchecked rows first). */
const ROWS_MAX_BYTES = 60_000;
/** A reason (a failed check's one line) is cut to this many characters. */
const REASON_MAX = 200;

const ORDER: Record<FleetDriftTarget['state'], number> = { differs: 0, unchecked: 1, matches: 2 };

export function fleetDriftSummary(targets: readonly FleetDriftTarget[], commit: string, runUrl?: string): FleetDriftSummary {
  const differ = targets.filter((t) => t.state === 'differs');
  const unchecked = targets.filter((t) => t.state === 'unchecked');
  const run = runUrl ? ` ([drift check run](${runUrl}))` : '';
  const title =
    differ.length > 0
      ? `kube-gitops: ${differ.length} of ${targets.length} targets differ from Git`
      : `kube-gitops: ${unchecked.length} of ${targets.length} targets could not be checked for drift`;
  const sorted = [...targets].sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.target.localeCompare(b.target));
  const { kept, cut } = linesWithin(
    sorted.map((t) => `| ${inlineCode(t.target)} | ${stateCell(t)} | ${t.issue ? `[#${t.issue.number}](${t.issue.url})` : '—'} |`),
    ROWS_MAX_BYTES,
  );
  const rows = [...kept, ...(cut > 0 ? [`| …and ${cut} more target(s) | see the job summaries of the drift check run | |`] : [])];
  const lead = [
    differ.length > 0 ? `**${differ.length} of ${targets.length} targets differ from Git** at ${commit.slice(0, 7)}${run}.` : '',
    unchecked.length > 0 ? `${unchecked.length} target(s) could not be checked: this issue stays open until every target is checked.` : '',
    'Each drifted target has its own issue with the objects that differ and what to do.',
  ].filter((l) => l !== '');
  const body = [`### kube-gitops drift across the fleet`, '', ...lead, '', '| Target | Cluster vs Git | Issue |', '| --- | --- | --- |', ...rows, ''].join(
    '\n',
  );
  return {
    open: differ.length > 0 || unchecked.length > 0,
    title,
    body,
    closingComment: `Every target (${targets.length}) matches Git at ${commit.slice(0, 7)}${run}: closing.`,
  };
}

function stateCell(t: FleetDriftTarget): string {
  if (t.state === 'differs') return '**differs**';
  if (t.state === 'matches') return 'matches';
  const reason = t.reason ?? 'no result';
  return `not checked: ${escapeMessage(reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX)}…` : reason, 'cell')}`;
}
