// A closed pull request's preview removed (the namespace already checked as this preview's by
// preview-mode.ts): every member of the preview's ApplySet deleted through the apply pipeline with
// an empty set (prune, allow-empty; the Namespace itself is kept by that prune, as every Namespace
// is), then the Namespace deleted, last, and waited for until the server answers 404 (its ApplySet
// parent, which lives in it, goes with it); then every deployment of the preview's environment set
// `inactive` and the sticky comment says what was removed. A member that cannot be deleted leaves
// the namespace in place and fails the step: nothing is deleted past a failure.
import { getErrorMessage } from '../model/errors.js';
import { WaitTimeoutError } from '../wait/wait-timeout-error.js';
import { runApply } from '../run/apply-run.js';
import { applySettingsOf } from '../run/engine-settings.js';
import { verbDeps } from '../run/engine.js';
import type { PreviewRow } from '../preview/preview-markdown.js';
import { holderOf, namespaceRef, type PreviewOutcome, type PreviewRun } from './preview-run.js';

/** How often the deleted Namespace is read again while it terminates. */
const POLL_MS = 500;

export async function teardownPreview(run: PreviewRun, exists: boolean): Promise<PreviewOutcome> {
  const { deps, preview } = run;
  const rows: PreviewRow[] = [];
  if (!exists) {
    deps.logger.info(`The namespace ${preview.namespace} does not exist: there is no preview to remove.`);
  } else {
    try {
      rows.push(...(await deleteMembers(run)));
      await deps.logger.group(`Delete the namespace ${preview.namespace}`, () => deleteNamespace(run));
      rows.push({ ref: namespaceRef(preview.namespace), state: 'deleted' });
    } catch (error) {
      await run.comment({ status: 'failed', detail: `Removing the preview failed: ${getErrorMessage(error)}`, rows });
      throw error;
    }
  }
  const retired = (await run.deployments?.retire(`Pull request closed: preview ${preview.namespace} removed`)) ?? [];
  if (retired.length > 0) deps.logger.info(`Deployment(s) ${retired.join(', ')} of environment ${JSON.stringify(preview.environment)} now inactive.`);
  await run.comment({ status: 'removed', detail: exists ? `Removed at the pull request's close.` : 'There was no preview to remove.', rows });
  return { status: 'removed' };
}

/** Every member but the Namespace, deleted by the prune of an empty set; what was deleted. */
async function deleteMembers(run: PreviewRun): Promise<PreviewRow[]> {
  const settings = { ...applySettingsOf(run.settings, run.event.sha), allowEmpty: true, wait: false };
  const report = await runApply([], settings, { ...verbDeps(run.deps), lease: holderOf(run) });
  const failed = report.prune?.failed ?? [];
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} object(s) of the preview could not be deleted, so its namespace is left in place: ${failed.map((f) => f.message).join('; ')}`,
    );
  }
  return (report.prune?.deleted ?? []).map((ref) => ({ ref, state: 'deleted' }));
}

/** Deletes the Namespace and reads it until the server no longer has it, within the `timeout` input. */
async function deleteNamespace(run: PreviewRun): Promise<void> {
  const { client, namespaceType, deps, settings } = run;
  const ref = namespaceRef(run.preview.namespace);
  await client.delete(namespaceType, ref);
  const deadline = deps.clock.now() + settings.timeoutMs;
  while (await client.get(namespaceType, ref)) {
    if (deps.clock.now() > deadline) {
      throw new WaitTimeoutError(
        `the namespace ${ref.name} was still terminating when the timeout (${settings.timeoutMs / 1000}s) ran out`,
        settings.timeoutMs,
      );
    }
    await deps.clock.sleep(POLL_MS);
  }
  deps.logger.info(`The namespace ${ref.name} is gone.`);
}
