// What a plan file says besides the plan: which step wrote it, for which pull request, and what a
// reviewer of the fleet needs from it. Every plan, apply and drift step writes it under `run`; the
// fleet step (`mode: fleet`) reads it back from the matrix jobs' artifacts, as data it checks.

/** The plan file's `run` field. */
export interface PlanFileRun {
  /** The kind of report the step made. */
  report: 'plan' | 'apply' | 'refused' | 'drift';
  /** The version of kube-gitops that wrote the file. */
  version: string;
  /** The namespace the target's objects default to (a fleet groups the same change across targets by it). */
  namespace: string;
  /** The pull request planned, on pull request events. */
  pullRequest?: number;
  /** The review record line the plan comment would carry (public data only); plan mode on a pull request. */
  review?: string;
  /** The workflow run whose job summary holds the whole plan. */
  runUrl?: string;
  /** The target's GitHub environment, from the targets file. */
  environment?: string;
  /** The step failed before it could plan (a kubeconfig that does not work, a refusal): its one line, redacted. */
  failure?: string;
  /** Mode drift: whether the cluster differs from Git. */
  drifted?: boolean;
  /** Mode apply: whether everything applied and became healthy, and the outcome as one line (`Applied: 3 written, 0 pruned`). */
  succeeded?: boolean;
  outcome?: string;
  /** The ring of the target in the targets file, when it has one. */
  ring?: string;
}
