// Whether a pull request's preview may be deployed: the rule of preview-opt-in-rule.ts, fed at run
// time from GitHub (never from the event payload's labels, which are a snapshot of the moment the
// event was sent): the labels on the pull request now, its label events, and the permission of the
// person who last applied the label. Every failure to read them is a refusal (fail closed) whose
// `why` names what could not be read; nothing here throws.
import { getErrorMessage } from '../model/errors.js';
import type { GitHubApi } from './github-port.js';
import { findLabeller, labellerVerdict, sameRepositoryVerdict, unreadableVerdict, type OptInVerdict, type PreviewPullRequest } from './preview-opt-in-rule.js';

export type { OptInVerdict, PreviewPullRequest } from './preview-opt-in-rule.js';
export { isFromFork } from './preview-opt-in-rule.js';
export { previewPullRequestOf } from './preview-pull-request.js';

/**
 * The verdict on deploying `pr`'s head commit as a preview, for the opt-in label `label` (the
 * `preview-label` input). Called on every run, `synchronize` included: nothing is remembered between runs.
 */
export async function previewOptIn(github: GitHubApi, pr: PreviewPullRequest, label: string): Promise<OptInVerdict> {
  const sameRepository = sameRepositoryVerdict(pr);
  if (sameRepository) return sameRepository;
  let labeller: ReturnType<typeof findLabeller>;
  try {
    const [labelsNow, events] = await Promise.all([github.listIssueLabels(pr.number), github.listLabelEvents(pr.number)]);
    labeller = findLabeller(pr, label, labelsNow, events);
  } catch (error) {
    return unreadableVerdict(pr, 'the labels', getErrorMessage(error));
  }
  if ('trusted' in labeller) return labeller;
  try {
    return labellerVerdict(pr, label, labeller, await github.repositoryPermission(labeller.login));
  } catch (error) {
    return unreadableVerdict(pr, `the permission of ${labeller.login}, who applied the label`, getErrorMessage(error));
  }
}
