// One preview run's context, shared by the apply (preview-mode.ts), the teardown
// (preview-teardown.ts) and the sweep (preview-sweep.ts): the preview's identity, its own settings
// (src/preview/preview-target.ts), the cluster client, the GitHub Deployment recorder and the sticky
// comment on the preview's pull request.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { requireCoreType } from '../cluster/resource-catalogue.js';
import type { PreviewIdentity } from '../preview/preview-identity.js';
import type { PreviewView } from '../preview/preview-markdown.js';
import { previewTarget } from '../preview/preview-target.js';
import type { ApplyReport } from '../run/apply-run.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ApplyModeDeps } from './mode-deps.js';
import { postPreviewComment } from './surfaces/preview-comment.js';
import { previewDeployments, type PreviewDeployments } from './surfaces/preview-deployment.js';

export { namespaceRef } from '../preview/preview-removal.js';

/** What one preview run works with. */
export interface PreviewRun {
  /** The preview's own settings: its target, namespace, field manager and environment. */
  settings: Settings;
  event: GitHubEvent;
  deps: ApplyModeDeps;
  preview: PreviewIdentity;
  client: ClusterClient;
  namespaceType: ResourceType;
  /** The preview's URL (`environment-url` with `{{pr}}` filled in); empty: none. */
  url: string;
  deployments?: PreviewDeployments;
  /** Posts (or updates) the sticky comment. */
  comment: (view: Omit<PreviewView, 'preview' | 'commit' | 'url'>) => Promise<unknown>;
}

export interface PreviewOutcome {
  status: PreviewView['status'] | 'skipped';
  report?: ApplyReport;
}

export interface PreviewRunOptions {
  /** Write the comment's text to the job summary too (a sweep writes one summary of its own instead). Default true. */
  summary?: boolean;
  /** The commit the comment names (a sweep: the one the preview was last applied at). Default: the event's. */
  commit?: string;
}

export async function previewRun(
  settings: Settings,
  event: GitHubEvent,
  deps: ApplyModeDeps,
  number: number,
  options: PreviewRunOptions = {},
): Promise<PreviewRun> {
  const { preview, url, settings: own } = previewTarget(settings, number, `${event.owner}/${event.repo}`);
  const client = deps.makeClient();
  const namespaceType = requireCoreType(await client.resourceTypes(), 'Namespace', ', so the preview namespace cannot be read');
  const deployments = previewDeployments(preview, event, url, deps);
  deps.logger.info(`Preview of pull request #${number}: namespace ${preview.namespace}, environment ${preview.environment}.`);
  const summary = options.summary ?? true;
  return {
    settings: own,
    event,
    deps,
    preview,
    client,
    namespaceType,
    url,
    ...(deployments ? { deployments } : {}),
    comment: (view) => postPreviewComment({ ...view, preview, commit: options.commit ?? event.sha, ...(url ? { url } : {}) }, own, { summary }, deps),
  };
}

/** The lease holder of a preview's writes: the run. */
export function holderOf(run: PreviewRun): { holder: string } {
  return { holder: run.event.runUrl ?? `a GitHub Actions run of ${run.event.owner}/${run.event.repo} at ${run.event.sha.slice(0, 7)}` };
}
