// The pull request's labels for what its plan does (input `labels`): kube-gitops:changes, :deletes,
// :conflict, :drift, :refused or :no-changes, so branch rules and filters can use them. Only labels
// with the kube-gitops: prefix are ever removed; a token that may not label is a warning.
import { syncPlanLabels } from '../../github/plan-labels.js';
import type { Surface } from './surface.js';

export const pullRequestLabels: Surface = async (report, { settings, event, deps }) => {
  if (report.kind !== 'plan' || !settings.labels || !event.pullRequest) return;
  if (!deps.github) {
    deps.logger.warning('No github-token: the pull request was not labelled.');
    return;
  }
  const result = await syncPlanLabels(deps.github, event.pullRequest.number, report.plan);
  if (result.status === 'forbidden') deps.logger.warning(result.warning);
  else deps.logger.info(`Pull request labels: ${result.labels.join(', ')}`);
};
