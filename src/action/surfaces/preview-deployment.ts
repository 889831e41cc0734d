// A preview recorded as a GitHub Deployment of the pull request's head to its transient environment
// `<prefix>/pr-<number>` (transient: GitHub shows its `inactive` as destroyed; never production),
// marked in its payload with the preview's target as kube-gitops' own deployments are
// (src/github/deployment-record.ts): `in_progress` once the preview's objects are checked, then
// `success` or `failure` with the preview's URL; on close every deployment of the environment that
// is the preview's and not yet `inactive` becomes `inactive`. As for an apply, recording never fails
// the preview: a token without `deployments: write` leaves one warning, any other failure a warning.
import { markedTarget, PAYLOAD_KEY } from '../../github/deployment-record.js';
import type { DeploymentState, GitHubApi } from '../../github/github-port.js';
import { getErrorMessage } from '../../model/errors.js';
import type { PreviewIdentity } from '../../preview/preview-identity.js';
import type { GitHubEvent } from '../github-event.js';
import type { ModeDeps } from '../mode-deps.js';
import { clip, DEPLOYMENT_FORBIDDEN } from './deployment-status.js';
import { unlessForbidden } from './permission-warning.js';

export interface PreviewDeployments {
  /** Creates the deployment of the head commit and sets it `in_progress`. */
  start(): Promise<void>;
  /** Ends the started deployment. */
  finish(state: 'success' | 'failure', description: string): Promise<void>;
  /** Every deployment of the preview not yet inactive set `inactive` (the preview is gone); their ids. */
  retire(description: string): Promise<number[]>;
}

type Deps = Pick<ModeDeps, 'github' | 'logger' | 'redactor'>;

/** Undefined without a GitHub token: nothing to record with. */
export function previewDeployments(preview: PreviewIdentity, event: GitHubEvent, url: string, deps: Deps): PreviewDeployments | undefined {
  const { github, logger } = deps;
  if (!github) return undefined;
  let started: number | undefined;
  const status = (state: DeploymentState, description: string, environmentUrl = url) => ({
    state,
    logUrl: event.runUrl ?? '',
    environmentUrl,
    description: clip(deps.redactor.redactString(description)),
  });
  const record = async <T>(what: string, write: (api: GitHubApi) => Promise<T>): Promise<T | undefined> => {
    try {
      return await unlessForbidden(logger, DEPLOYMENT_FORBIDDEN, () => write(github));
    } catch (error) {
      logger.warning(`Could not ${what} (environment ${JSON.stringify(preview.environment)}): ${deps.redactor.redactString(getErrorMessage(error))}`);
      return undefined;
    }
  };
  return {
    start: async () => {
      started = await record('record the preview deployment', async (api) => {
        const d = await api.createDeployment({
          sha: event.sha,
          environment: preview.environment,
          description: `kube-gitops preview: ${preview.target}`,
          payload: { [PAYLOAD_KEY]: { target: preview.target } },
          transientEnvironment: true,
        });
        await api.createDeploymentStatus(d.id, status('in_progress', `Applying ${event.sha.slice(0, 7)} to ${preview.namespace}`));
        logger.info(`Deployment ${d.id} of ${event.sha.slice(0, 7)} to environment ${JSON.stringify(preview.environment)} created.`);
        return d.id;
      });
    },
    finish: async (state, description) => {
      const id = started;
      if (id === undefined) return;
      await record(`set the preview deployment's status to ${state}`, (api) => api.createDeploymentStatus(id, status(state, description)));
    },
    retire: async (description) =>
      (await record('mark the preview deployments inactive', async (api) => {
        const retired: number[] = [];
        for (const d of await api.listDeployments(preview.environment, undefined, 100)) {
          if (markedTarget(d) !== preview.target) continue;
          const [latest] = await api.listDeploymentStatuses(d.id, 1);
          if (latest?.state === 'inactive') continue;
          await api.createDeploymentStatus(d.id, status('inactive', description, ''));
          retired.push(d.id);
        }
        return retired;
      })) ?? [],
  };
}
