// A preview removed on the Action's side (the namespace already checked as this preview's): the
// cluster part is src/preview/preview-removal.ts (every member, the namespace last, waited for
// until 404); then every deployment of the preview's environment set `inactive` and the sticky
// comment says what was removed and why: the pull request's close, or a sweep (preview-sweep.ts)
// that found it closed or past its TTL. A member that cannot be deleted leaves the namespace in
// place, says so in the comment and fails: nothing is deleted past a failure.
import { getErrorMessage } from '../model/errors.js';
import type { PreviewRow } from '../preview/preview-markdown.js';
import { PreviewRemovalError, removePreview } from '../preview/preview-removal.js';
import { holderOf, type PreviewOutcome, type PreviewRun } from './preview-run.js';

/** Why the preview goes: for its comment and its deployments' last status. */
export interface TeardownReason {
  /** The comment's line on it. */
  comment: string;
  /** The `inactive` status's description. */
  deployment: string;
}

/** A `closed` event's teardown. */
export const CLOSED: TeardownReason = { comment: "Removed at the pull request's close.", deployment: 'Pull request closed' };

export async function teardownPreview(run: PreviewRun, exists: boolean, reason: TeardownReason = CLOSED): Promise<PreviewOutcome> {
  const { deps, preview } = run;
  const rows: PreviewRow[] = [];
  if (!exists) {
    deps.logger.info(`The namespace ${preview.namespace} does not exist: there is no preview to remove.`);
  } else {
    try {
      rows.push(
        ...(await removePreview({
          settings: run.settings,
          commit: run.event.sha,
          engine: deps,
          client: run.client,
          namespaceType: run.namespaceType,
          holder: holderOf(run).holder,
        })),
      );
    } catch (error) {
      const done = error instanceof PreviewRemovalError ? error.rows : [];
      await run.comment({ status: 'not-removed', detail: `Removing the preview failed: ${getErrorMessage(error)}`, rows: done });
      throw error instanceof PreviewRemovalError ? error.cause : error;
    }
  }
  const retired = (await run.deployments?.retire(`${reason.deployment}: preview ${preview.namespace} removed`)) ?? [];
  if (retired.length > 0) deps.logger.info(`Deployment(s) ${retired.join(', ')} of environment ${JSON.stringify(preview.environment)} now inactive.`);
  await run.comment({ status: 'removed', detail: exists ? reason.comment : 'There was no preview to remove.', rows });
  return { status: 'removed' };
}
