// Entry point: read settings, pick the mode from the event, run, report.
import * as core from '@actions/core';
import { ActionsLogger } from './action/actions-logger.js';
import { runApplyMode } from './action/apply-mode.js';
import { runDriftMode } from './action/drift-mode.js';
import { readGitHubEvent, resolveMode, type GitHubEvent } from './action/github-event.js';
import type { ModeDeps } from './action/mode-deps.js';
import { runPlanMode } from './action/plan-mode.js';
import type { K8sClient } from './cluster/k8s-client.js';
import { clusterClientFor } from './run/cluster-client-for.js';
import { ConfigurationError, ManifestError, getErrorMessage } from './model/errors.js';
import { createGitHubApi } from './github/octokit-github.js';
import { RedactingLogger } from './redaction/redacting-logger.js';
import { SecretRedactor } from './redaction/secret-redactor.js';
import { ageKeySecrets } from './load/sops/age-key.js';
import { kubeconfigSecrets } from './settings/kubeconfig-secrets.js';
import { readSettings } from './settings/read-settings.js';
import type { Mode, Settings } from './settings/settings.js';
import { VERSION } from './version.js';

/** Every registered secret is masked in the runner's log too; everything we publish passes through it. */
const redactor = new SecretRedactor((value) => core.setSecret(value));

async function run(): Promise<void> {
  const settings = readSettings((name) => core.getInput(name), process.env);
  if (settings.kubeconfig) redactor.add(kubeconfigSecrets(settings.kubeconfig));
  if (settings.githubToken) redactor.add([settings.githubToken]);
  redactor.add([...ageKeySecrets(settings.sopsAgeKey), ...ageKeySecrets(process.env.SOPS_AGE_KEY)]);
  const event = readGitHubEvent(process.env);
  const mode = resolveMode(settings.mode, event);
  const logger = new RedactingLogger(new ActionsLogger(), redactor);
  logger.info(`kube-gitops ${VERSION}: ${mode} for target '${settings.target}' at ${event.sha.slice(0, 7) || 'unknown commit'}`);
  const github =
    settings.githubToken && event.owner
      ? createGitHubApi({ token: settings.githubToken, owner: event.owner, repo: event.repo, apiUrl: event.apiUrl })
      : undefined;
  let client: K8sClient | undefined;
  const deps = {
    logger,
    redactor,
    env: process.env,
    makeClient: () => (client ??= makeClient(settings)),
    ...(github ? { github } : {}),
  };
  try {
    await runMode(mode, settings, event, deps);
  } finally {
    await client?.close();
  }
}

/** The run's cluster client; what exec plugins print and return is masked from then on. */
function makeClient(settings: Settings): K8sClient {
  return clusterClientFor(settings, redactor, 'No kubeconfig was given, so the cluster cannot be reached.');
}

async function runMode(mode: Mode, settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<void> {
  if (mode === 'drift') {
    const { plan, differs } = await runDriftMode(settings, event, deps);
    if (plan.problems.length > 0) core.setFailed(`${plan.problems.length} problem(s) must be fixed; see the annotations and the job summary.`);
    else if (differs && settings.failOnDrift) core.setFailed('The cluster differs from Git (fail-on-drift: true); see the drift issue and the job summary.');
  } else if (mode === 'plan') {
    const { plan } = await runPlanMode(settings, event, deps);
    if (plan.problems.length > 0) core.setFailed(`${plan.problems.length} problem(s) must be fixed; see the annotations and the plan comment.`);
  } else {
    const report = await runApplyMode(settings, event, { ...deps, version: VERSION });
    if (!report.succeeded)
      core.setFailed(failureSummary(report.outcome.failed.length, report.health.filter((h) => h.state !== 'healthy').length, report.prune?.failed.length ?? 0));
  }
}

function failureSummary(applyFailed: number, unhealthy: number, pruneFailed: number): string {
  if (applyFailed > 0) return `${applyFailed} object(s) failed to apply; nothing was pruned. See the job summary.`;
  if (pruneFailed > 0) return `${pruneFailed} object(s) could not be pruned. See the job summary.`;
  return `${unhealthy} object(s) did not become healthy. See the job summary.`;
}

/**
 * The one line the step fails with. A ConfigurationError is the user's to fix and says what and where;
 * invalid manifests are each annotated at their file and line already, so the line only counts them;
 * anything else is still reported without a stack trace.
 */
function failureLine(error: unknown): string {
  if (error instanceof ManifestError && error.problems.length > 1) {
    return `${error.problems.length} invalid manifests; each is annotated at its file and line, and listed in the job summary.`;
  }
  return error instanceof ConfigurationError ? error.message : `kube-gitops failed: ${getErrorMessage(error)}`;
}

run().catch((error: unknown) => {
  core.setFailed(redactor.redactString(failureLine(error)));
});
