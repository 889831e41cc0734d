// The apply recorded as a GitHub Deployment of its commit to the target's environment (the
// `environment` input, else the targets file's, else the target's name), found or created as
// src/github/deployment-record.ts says (the job's own when it declares `environment:`; never two).
// The report is published after the apply, so `in_progress` is set by a write gate, the last of
// them: once every check has passed, just before the first write. A push refused before that has no
// deployment at all (nothing was deployed); one refused after it (the re-plan under the target's
// lease) ends `failure` (`inactive` when refused as older than a live commit that contains it: the
// change went out as part of that commit, whose deployment stays the active one), as does a failed apply or an apply that throws; a successful one ends
// `success`, retiring the deployment it replaces. Every status carries the run's URL as `log_url`
// and the `environment-url` input as `environment_url`; descriptions pass through the redactor. An
// applied run's description names who approved the run for the environment, when GitHub says.
// Recording is never what fails a deploy: a token without `deployments: write` leaves one warning,
// any other failure to record leaves a warning too.
import { findOrCreateDeployment, retireReplaced, type FoundDeployment } from '../../github/deployment-record.js';
import type { DeploymentState, GitHubApi } from '../../github/github-port.js';
import { getErrorMessage } from '../../model/errors.js';
import { refusalLine, wentOutLine } from '../../model/refusal.js';
import { outcomeText } from '../../render/apply-outcome.js';
import type { Settings } from '../../settings/settings.js';
import type { GitHubEvent } from '../github-event.js';
import { environmentOf } from '../run-approval.js';
import type { ModeDeps } from '../mode-deps.js';
import { unlessForbidden } from './permission-warning.js';
import type { DeploymentRecorder, Surface } from './surface.js';

/** GitHub refuses longer descriptions. */
const MAX_DESCRIPTION_CHARS = 140;

export const DEPLOYMENT_FORBIDDEN =
  'The token cannot record deployments (it needs `permissions: deployments: write`); the apply goes on without a GitHub Deployment.';

/** The recorder of an apply; undefined without a GitHub token (nothing to record with). */
export function deploymentRecorder(
  settings: Settings,
  event: GitHubEvent,
  deps: Pick<ModeDeps, 'github' | 'logger' | 'redactor'>,
): DeploymentRecorder | undefined {
  const { github, logger } = deps;
  if (!github || !event.sha) return undefined;
  const environment = environmentOf(settings);
  let started: Promise<FoundDeployment | undefined> | undefined;
  const status = (state: DeploymentState, description: string) => ({
    state,
    logUrl: event.runUrl ?? '',
    environmentUrl: settings.environmentUrl ?? '',
    description: clip(deps.redactor.redactString(description)),
  });
  /** The write, with a forbidden token (warned once) or any other failure a warning. */
  const record = async <T>(what: string, write: (api: GitHubApi) => Promise<T>): Promise<T | undefined> => {
    try {
      return await unlessForbidden(logger, DEPLOYMENT_FORBIDDEN, () => write(github));
    } catch (error) {
      logger.warning(`Could not ${what} (environment ${JSON.stringify(environment)}): ${deps.redactor.redactString(getErrorMessage(error))}`);
      return undefined;
    }
  };
  const start = () =>
    record('record the deployment', async (api) => {
      const found = await findOrCreateDeployment(api, {
        environment,
        sha: event.sha,
        target: settings.target,
        ...(event.runUrl ? { runUrl: event.runUrl } : {}),
      });
      await api.createDeploymentStatus(found.deployment.id, status('in_progress', `Applying ${short(event.sha)} to ${settings.target}`));
      logger.info(`Deployment ${found.deployment.id} of ${short(event.sha)} to environment ${JSON.stringify(environment)}: ${ORIGINS[found.origin]}.`);
      return found;
    });
  return {
    gate: async () => {
      await (started ??= start());
    },
    finish: async (state, description) => {
      const found = await started;
      if (!found) return;
      await record(`set the deployment's status to ${state}`, async (api) => {
        await api.createDeploymentStatus(found.deployment.id, status(state, description));
        if (state !== 'success') return;
        const retired = await retireReplaced(api, found.deployment, settings.target, `Replaced by ${short(event.sha)}`);
        if (retired !== undefined) logger.info(`Deployment ${retired}, which ${short(event.sha)} replaces, is now inactive.`);
      });
    },
  };
}

const ORIGINS: Record<FoundDeployment['origin'], string> = {
  created: 'created',
  ours: "kube-gitops' own from an earlier attempt",
  job: "the job's own (its `environment:`)",
};

/** Ends the deployment the gate started, from the report: applied or not; refused after it started. */
export const deploymentStatus: Surface = async (report, context) => {
  const recorder = context.deployment;
  if (!recorder) return;
  if (report.kind === 'apply') {
    const approver = report.review?.approval ? `; approved by ${report.review.approval.login}` : '';
    await recorder.finish(report.apply.succeeded ? 'success' : 'failure', outcomeText(report.apply) + approver);
  } else if (report.kind === 'refused') {
    const live = report.refusal.wentOutWith;
    await (live ? recorder.finish('inactive', wentOutLine(live)) : recorder.finish('failure', refusalLine(report.refusal)));
  }
};

/** A deployment status's description: its first line, at most GitHub's 140 characters. */
export function clip(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim();
  const chars = Array.from(line);
  return chars.length <= MAX_DESCRIPTION_CHARS ? line : `${chars.slice(0, MAX_DESCRIPTION_CHARS - 1).join('')}…`;
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

/** The description of a report the apply mode could not publish (the apply threw). */
export function thrownDescription(error: unknown): string {
  return `Failed: ${getErrorMessage(error)}`;
}
