// A preview removed from the cluster, the same way for a closed pull request, the scheduled sweep and
// `kube-gitops preview --delete` (the caller has already checked that the namespace is this
// preview's): every member of the preview's ApplySet deleted through the apply pipeline with an
// empty set (prune, allow-empty; that prune keeps the Namespace, as it keeps every Namespace), then
// the Namespace deleted, last, and read until the server answers 404 (its ApplySet parent, which
// lives in it, goes with it). A member that cannot be deleted leaves the namespace in place and
// throws: nothing is deleted past a failure. A namespace found terminating (someone deleted it, or a
// run before this one timed out waiting) is only waited for.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import type { ObjectRef } from '../objects/object-ref.js';
import { runApply } from '../run/apply-run.js';
import { applySettingsOf } from '../run/engine-settings.js';
import { verbDeps, type Engine } from '../run/engine.js';
import type { Settings } from '../settings/settings.js';
import { WaitTimeoutError } from '../wait/wait-timeout-error.js';
import type { PreviewRow } from './preview-markdown.js';

/** How often the deleted Namespace is read again while it terminates. */
const POLL_MS = 500;

/** What removing one preview works with. */
export interface PreviewRemoval {
  /** The preview's own settings (preview-target.ts). */
  settings: Settings;
  /** The commit the run is at, recorded as the apply's. */
  commit: string;
  engine: Engine;
  client: ClusterClient;
  namespaceType: ResourceType;
  /** Who holds the preview's lease meanwhile, as another run is told. */
  holder: string;
}

export function namespaceRef(name: string): ObjectRef {
  return { group: '', version: 'v1', kind: 'Namespace', name };
}

/** Every member, then the Namespace; what was deleted. Throws at the first failure, the rows so far on the error's `rows`. */
export async function removePreview(r: PreviewRemoval): Promise<PreviewRow[]> {
  // A namespace already terminating refuses new objects (the preview's lease) and its own controller
  // deletes what is in it: only the wait for its end is left. (Read once: one that is not terminating
  // now does not go without a delete.)
  const live = await r.client.get(r.namespaceType, namespaceRef(r.settings.namespace));
  const terminating = live?.metadata.deletionTimestamp !== undefined;
  if (terminating) r.engine.logger.info(`The namespace ${r.settings.namespace} is already terminating: what is in it goes with it.`);
  const rows = live && !terminating ? await deleteMembers(r) : [];
  try {
    await r.engine.logger.group(`Delete the namespace ${r.settings.namespace}`, () => deleteNamespace(r));
  } catch (error) {
    throw new PreviewRemovalError(error, rows);
  }
  return [...rows, { ref: namespaceRef(r.settings.namespace), state: 'deleted' }];
}

/** Removing a preview failed; `rows` is what was deleted before. */
export class PreviewRemovalError extends Error {
  override name = 'PreviewRemovalError';
  constructor(
    readonly cause: unknown,
    readonly rows: PreviewRow[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Every member but the Namespace, deleted by the prune of an empty set; what was deleted. */
async function deleteMembers(r: PreviewRemoval): Promise<PreviewRow[]> {
  const settings = { ...applySettingsOf(r.settings, r.commit), allowEmpty: true, wait: false };
  const report = await runApply([], settings, { ...verbDeps(r.engine), lease: { holder: r.holder } });
  const failed = report.prune?.failed ?? [];
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} object(s) of the preview could not be deleted, so its namespace is left in place: ${failed.map((f) => f.message).join('; ')}`,
    );
  }
  return (report.prune?.deleted ?? []).map((ref) => ({ ref, state: 'deleted' }));
}

/** Deletes the Namespace and reads it until the server no longer has it, within the `timeout` input. */
async function deleteNamespace(r: PreviewRemoval): Promise<void> {
  const { client, namespaceType, engine, settings } = r;
  const ref = namespaceRef(settings.namespace);
  await client.delete(namespaceType, ref);
  const deadline = engine.clock.now() + settings.timeoutMs;
  while (await client.get(namespaceType, ref)) {
    if (engine.clock.now() > deadline) {
      throw new WaitTimeoutError(
        `the namespace ${ref.name} was still terminating when the timeout (${settings.timeoutMs / 1000}s) ran out`,
        settings.timeoutMs,
      );
    }
    await engine.clock.sleep(POLL_MS);
  }
  engine.logger.info(`The namespace ${ref.name} is gone.`);
}
