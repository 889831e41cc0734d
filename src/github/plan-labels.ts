// The labels a pull request carries for what its plans do, so branch rules and filters can use them
// (issue 27). The rule: every label is `kube-gitops:<kind>`; `changes` when any object is created,
// updated, replaced or deleted; `deletes` when any is deleted or replaced; `conflict` when any has a
// field-manager conflict; `drift` when any change is drift rather than the pull request's own;
// `refused` when any plan has problems; `no-changes` only when nothing changes and there is no
// problem. planLabels is pure; syncPlanLabels writes them, touching no label without the prefix, and
// turns a token that may not label into a warning for the caller.
import type { Plan, PlanEntry } from '../model/plan.js';
import type { GitHubApi } from './github-port.js';
import { GitHubPermissionError } from './octokit-github.js';

export const PLAN_LABEL_PREFIX = 'kube-gitops:';

/** Every plan label, in the order planLabels lists them. */
export const PLAN_LABELS = {
  changes: 'kube-gitops:changes',
  deletes: 'kube-gitops:deletes',
  conflict: 'kube-gitops:conflict',
  drift: 'kube-gitops:drift',
  refused: 'kube-gitops:refused',
  noChanges: 'kube-gitops:no-changes',
} as const;

const changes = (e: PlanEntry): boolean => e.action === 'create' || e.action === 'update' || e.action === 'replace' || e.action === 'delete';

/** The labels for what `plans` (one per target) do together. */
export function planLabels(plans: Plan | readonly Plan[]): string[] {
  const all = ([] as Plan[]).concat(plans);
  const entries = all.flatMap((p) => p.entries);
  const refused = all.some((p) => p.problems.length > 0);
  const changed = entries.some(changes);
  const wanted: [string, boolean][] = [
    [PLAN_LABELS.changes, changed],
    [PLAN_LABELS.deletes, entries.some((e) => e.action === 'delete' || e.action === 'replace')],
    [PLAN_LABELS.conflict, entries.some((e) => e.conflicts.length > 0)],
    [PLAN_LABELS.drift, entries.some((e) => e.drift === true && changes(e))],
    [PLAN_LABELS.refused, refused],
    [PLAN_LABELS.noChanges, !changed && !refused],
  ];
  return wanted.filter(([, on]) => on).map(([label]) => label);
}

export type PlanLabelResult =
  | { status: 'labelled'; labels: string[]; added: string[]; removed: string[] }
  /** The token may not label the pull request (a fork's read-only token, or no `pull-requests: write`). */
  | { status: 'forbidden'; warning: string };

/** Puts planLabels(plans) on pull request `issueNumber` and removes the plan labels no longer true. */
export async function syncPlanLabels(api: GitHubApi, issueNumber: number, plans: Plan | readonly Plan[]): Promise<PlanLabelResult> {
  const labels = planLabels(plans);
  try {
    const change = await api.setOwnLabels(issueNumber, PLAN_LABEL_PREFIX, labels);
    return { status: 'labelled', labels, ...change };
  } catch (error) {
    if (!(error instanceof GitHubPermissionError)) throw error;
    return { status: 'forbidden', warning: `The pull request was not labelled (${labels.join(', ')}): ${error.message}` };
  }
}
