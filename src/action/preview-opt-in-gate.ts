// Before a preview loads anything of a pull request (a chart's templates, kustomize, SOPS files),
// the fork opt-in gate (src/github/preview-opt-in.ts): a pull request from this repository goes
// ahead; one from a fork only when a person with write access applied the `preview-label` label
// for this run, read from GitHub now. Anything else holds the preview and says why: no token to
// check with, a payload without the pull request's repositories, a label missing or applied by
// someone without write access. A `closed` event never comes here: a preview is always removed.
import { isFromFork, previewOptIn, previewPullRequestOf } from '../github/preview-opt-in.js';
import type { PreviewRun } from './preview-run.js';

/** Why the preview is held; undefined when it may be deployed. */
export async function previewHeld(run: PreviewRun): Promise<string | undefined> {
  const pr = previewPullRequestOf(run.event.payload);
  if (!pr) return 'The event does not say which repository the pull request comes from, so it cannot be told apart from a fork: nothing is deployed.';
  if (!isFromFork(pr)) return undefined;
  const github = run.deps.github;
  if (!github)
    return `The pull request comes from a fork; whether a maintainer opted it in with the label '${run.settings.previewLabel}' cannot be checked without the input 'github-token': nothing is deployed.`;
  const verdict = await previewOptIn(github, pr, run.settings.previewLabel);
  if (verdict.trusted) {
    run.deps.logger.info(verdict.why);
    return undefined;
  }
  return verdict.why;
}
