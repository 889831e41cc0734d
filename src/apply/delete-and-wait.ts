// Deletes one object and waits until the server no longer has it, so it can be created again
// under the same name (a replacement, a hook run again).
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';
import type { Clock } from '../model/clock.js';
import { WaitTimeoutError } from '../wait/wait-timeout-error.js';

/** How long a deleted object may take to go away. */
const DELETE_TIMEOUT_MS = 120_000;

export async function deleteAndWait(client: ClusterClient, type: ResourceType, ref: ObjectRef, clock: Clock): Promise<void> {
  await client.delete(type, ref);
  const deadline = clock.now() + DELETE_TIMEOUT_MS;
  while (await client.get(type, ref)) {
    if (clock.now() > deadline) {
      throw new WaitTimeoutError(`${formatRef(ref)} was not gone 2 minutes after its deletion, so it cannot be created again`, DELETE_TIMEOUT_MS);
    }
    await clock.sleep(250);
  }
}
