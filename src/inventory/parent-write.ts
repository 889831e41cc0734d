// Writes the ApplySet parent Secret, only when that changes what it records: a re-run of the live
// commit that changes nothing writes nothing. A new commit is new content (the commit order guard
// reads it), so it is written, with the time of the write.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import type { Logger } from '../model/logger.js';
import { isParentCurrent, type Inventory } from './applyset.js';
import { parentContentAt, type ParentStamp, type RecordedSet } from './parent-content.js';

export interface ParentWriteOptions {
  /** The Secret type, as discovery serves it. */
  secretType: ResourceType;
  fieldManager: string;
  version: string;
  logger: Logger;
}

export async function writeParent(
  client: ClusterClient,
  inventory: Inventory,
  set: RecordedSet,
  stamp: ParentStamp,
  options: ParentWriteOptions,
): Promise<void> {
  const ref = { group: '', version: 'v1', kind: 'Secret', namespace: inventory.parentNamespace, name: inventory.parentName };
  const live = await client.get(options.secretType, ref);
  const parent = parentContentAt(inventory, live, set, options.version, stamp);
  if (isParentCurrent(live, parent)) {
    options.logger.debug(`the ApplySet parent ${inventory.parentNamespace}/${inventory.parentName} already records this; not written`);
    return;
  }
  await client.apply(options.secretType, parent, { fieldManager: options.fieldManager, force: true, dryRun: false });
}
