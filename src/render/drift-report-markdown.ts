// A scheduled drift check as the issue body and the job summary: whether the live commit is the
// branch head, then the plan rendered as the plan comment is (drift apart, same size guard). Pure.
import type { Plan } from '../model/plan.js';
import type { LiveState } from '../model/live-state.js';
import { scheduledWording } from './drift-markdown.js';
import { escapeText } from '../text/markdown-escape.js';
import { renderPlanMarkdown } from './plan-markdown.js';

export interface DriftReportView {
  marker: string;
  live: LiveState;
  maxBytes: number;
  runUrl?: string;
}

const short = (sha: string): string => `\`${sha.slice(0, 7)}\``;

function liveLine(plan: Plan, live: LiveState): string {
  switch (live) {
    case 'head':
      return `The ApplySet records ${short(plan.commit)}, the branch head, as applied: every difference below was made in the cluster.`;
    case 'older': {
      const pending = plan.entries.filter((e) => !e.drift && e.action !== 'unchanged' && e.action !== 'retain').length;
      const since = `The ApplySet records ${short(plan.liveCommit ?? '')} as applied, not the branch head ${short(plan.commit)}`;
      return pending > 0
        ? `${since}: ${pending} change(s) made in Git since then are **not applied yet**, listed apart from drift.`
        : `${since}, but the commits since then change nothing of this target: every difference below was made in the cluster.`;
    }
    case 'never-applied':
      return 'The ApplySet records no applied commit: kube-gitops never applied this target, so everything below is **not applied yet**.';
  }
}

/** How a reader resolves the drift: each way out, and what the next apply does. */
const WHAT_TO_DO = [
  '#### What to do',
  '',
  "- **Keep Git's version**: run the apply again (re-run the last apply workflow, or merge the next change); it sets every object back to its manifest. Where a field conflict refuses it, set force-conflicts: true or undo the change first.",
  "- **Keep the cluster's version**: copy the change into the manifests in a pull request; once merged, the drift check finds nothing.",
  "- **Let a controller own the field** (an autoscaler's replicas, a mutating webhook's additions): remove the field from the manifest, so no apply sets it again.",
  '',
].join('\n');

export function driftIssueTitle(target: string): string {
  return `kube-gitops: the cluster differs from Git for ${target}`;
}

export function renderDriftReport(plan: Plan, view: DriftReportView): string {
  const run = view.runUrl ? ` ([drift check run](${view.runUrl}))` : '';
  return renderPlanMarkdown(plan, {
    marker: view.marker,
    maxBytes: view.maxBytes,
    heading: `kube-gitops drift check for **${escapeText(plan.target)}** at ${short(plan.commit)}`,
    intro: `${liveLine(plan, view.live)}${run}`,
    drift: scheduledWording(plan.liveCommit),
    outro: WHAT_TO_DO,
    fullPlanHint: `the job summary of ${view.runUrl ? `[the drift check run](${view.runUrl})` : 'the drift check run'} and its plan-file output`,
  });
}

/** Said on the issue as it is closed. */
export function driftClosedComment(plan: Plan, runUrl: string | undefined): string {
  return `The cluster matches Git again at ${short(plan.commit)}${runUrl ? ` ([drift check run](${runUrl}))` : ''}: closing.`;
}
