// One GitHub Deployment per target and commit, found or created, and the one it replaces retired.
//
// What GitHub does, and the sources:
// - A job that declares `environment:` gets a deployment from GitHub Actions itself when it starts
//   (environment = the name, sha = github.sha, ref = the branch, payload {}, no token permission
//   needed; its creator is the user who triggered the run, not github-actions[bot]:
//   chrnorm/deployment-action#68; ref=main and payload {} in hephaestus-build/Hephaestus#1828's
//   API dump), with statuses `queued`, `in_progress`, then the job's result when the job ends, each
//   with `environment_url` = the job's `environment.url` (docs.github.com, "Deploying to a specific
//   environment" and the reusable "environment-deployment-event": "When a workflow job that
//   references an environment runs, it creates a deployment object … As the workflow progresses, it
//   also creates deployment status objects … with the state property set to the status of the job").
//   The runner evaluates `environment.url` after the last step and sends it with the job's result
//   (actions/runner src/Runner.Worker/JobExtension.cs "Evaluate and set environment url",
//   JobRunner.cs CompleteJobAsync(…, environmentUrl, …)), so GitHub's last status supersedes any a
//   step wrote (hephaestus-build/Hephaestus#1828 saw exactly that). `environment: {name, deployment:
//   false}` opts out of the deployment (github/docs 84e7f9c, "Using environments without
//   deployments"). A step is not told the environment's name nor the deployment's id (the runner
//   keeps ActionsEnvironmentReference to itself), so the job's deployment is found by listing the
//   deployments of the commit and environment (GET /deployments?sha=&environment=) and taking the
//   newest that kube-gitops did not create whose newest status is `queued` or `in_progress` and
//   whose log URL, when it has one, is this run's. Statuses are added to it; no second is created.
//   Without one, kube-gitops' own deployment of an earlier attempt at the commit (marked in its
//   payload with the target) is used again; only then is one created.
//   Two jobs of one run deploying one commit to the same environment (two targets sharing an
//   environment) cannot be told apart that way: give each target its own environment.
// - POST /deployments (REST reference, @octokit/openapi-types "repos/create-deployment"): `ref` is
//   a branch, tag or SHA (the SHA here: the commit applied, not wherever the branch is by then);
//   `auto_merge` defaults to true and would merge the default branch into the ref (202 "Merged branch
//   response"): off; without `required_contexts` every commit status context must be `success`, and
//   the run's own checks are pending while it applies, so the create would be refused with 409
//   ("Conflict when there is a merge conflict or the commit's status checks failed"): `[]`. 422 is
//   a validation failure. `transient_environment` (default false) is an environment that will stop
//   existing (review apps; `inactive` shows it as destroyed); `production_environment` defaults to
//   `environment == 'production'`.
// - POST /deployments/{id}/statuses: `log_url` (replaces `target_url`, which it also sets),
//   `environment_url`, a description of at most 140 characters; `auto_inactive` (default true) "Adds
//   a new `inactive` status to all prior non-transient, non-production environment deployments with
//   the same repository and `environment` name … only … deployments that had a `success` state". So
//   for a production deployment the one it replaces is retired here, explicitly: the newest earlier
//   deployment of the environment whose newest status is `success` (another target's, marked in its
//   payload, is not this one's to retire).
// - A token without `deployments: write` is refused with 403 (or 404): the caller warns.
import type { Deployment, DeploymentState, GitHubApi } from './github-port.js';

/** The payload key that marks kube-gitops' own deployments, with the target each records. */
export const PAYLOAD_KEY = 'kube-gitops';

export interface DeploymentTarget {
  environment: string;
  sha: string;
  target: string;
  /** This run's URL (`…/actions/runs/<id>`): the job's own deployment's statuses point below it. */
  runUrl?: string;
}

/** Which deployment records this apply, and whether GitHub Actions created it for the job. */
export interface FoundDeployment {
  deployment: Deployment;
  origin: 'created' | 'ours' | 'job';
}

const RUNNING: ReadonlySet<DeploymentState> = new Set(['queued', 'in_progress', 'pending']);

/** The target a deployment's payload says kube-gitops recorded in it; undefined for anyone else's. */
export function markedTarget(deployment: Deployment): string | undefined {
  const payload = deployment.payload;
  if (typeof payload !== 'object' || payload === null || !(PAYLOAD_KEY in payload)) return undefined;
  const mark: unknown = (payload as Record<string, unknown>)[PAYLOAD_KEY];
  return typeof mark === 'object' && mark !== null && 'target' in mark && typeof mark.target === 'string' ? mark.target : undefined;
}

/** The job's own (GitHub Actions', running now), else ours from an earlier attempt at this commit, else a new one. */
export async function findOrCreateDeployment(github: GitHubApi, t: DeploymentTarget): Promise<FoundDeployment> {
  const existing = (await github.listDeployments(t.environment, t.sha, 100)).filter((d) => d.sha === t.sha);
  for (const d of existing) {
    if (markedTarget(d) !== undefined) continue;
    const [latest] = await github.listDeploymentStatuses(d.id, 1);
    if (latest && RUNNING.has(latest.state) && (!t.runUrl || latest.logUrl === '' || isUnder(latest.logUrl, t.runUrl))) return { deployment: d, origin: 'job' };
  }
  const ours = existing.find((d) => markedTarget(d) === t.target);
  if (ours) return { deployment: ours, origin: 'ours' };
  const deployment = await github.createDeployment({
    sha: t.sha,
    environment: t.environment,
    description: `kube-gitops: ${t.target}`,
    payload: { [PAYLOAD_KEY]: { target: t.target } },
  });
  return { deployment, origin: 'created' };
}

/**
 * For a production deployment (which GitHub's auto_inactive passes over): the newest earlier
 * deployment of the environment still `success`, of this target or of no kube-gitops target, set
 * `inactive`. Returns its id; undefined when there is none or auto_inactive already covers it.
 */
export async function retireReplaced(github: GitHubApi, current: Deployment, target: string, description: string): Promise<number | undefined> {
  if (!current.productionEnvironment || current.transientEnvironment) return undefined;
  for (const d of await github.listDeployments(current.environment, undefined, 30)) {
    if (d.id >= current.id) continue;
    const marked = markedTarget(d);
    if (marked !== undefined && marked !== target) continue;
    const [latest] = await github.listDeploymentStatuses(d.id, 1);
    if (latest?.state !== 'success') continue;
    await github.createDeploymentStatus(d.id, { state: 'inactive', logUrl: latest.logUrl, environmentUrl: '', description });
    return d.id;
  }
  return undefined;
}

function isUnder(url: string, base: string): boolean {
  return url === base || url.startsWith(`${base}/`);
}
