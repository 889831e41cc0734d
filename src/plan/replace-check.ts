// Before an object is replaced (deleted, then created again because an immutable field changes),
// the server must accept its new manifest as a create, or the delete would leave nothing.
// A dry-run under the object's own name cannot answer: the live object makes it an update, which
// fails on the immutable field whatever else is wrong. So the new manifest is dry-run created under
// a temporary name of the same length class (no longer than 63 characters when the name is not),
// which exercises the same schema, field validation and admission as the real create. The name is
// put back into the server's message, so the user reads their own object's name.
import { randomBytes } from 'node:crypto';
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { ClusterError } from '../cluster/cluster-error.js';
import { cloneObject, type KubeObject } from '../objects/kube-object.js';

const SUFFIX_LENGTH = 5;
/** Names up to this length take `-xxxxx`; longer ones have their end replaced, so no name grows past 63. */
const APPEND_UP_TO = 63 - SUFFIX_LENGTH - 1;

/** Throws the server's refusal of the new manifest as a create; resolves when it would be created. */
export async function checkReplacementCreates(client: ClusterClient, type: ResourceType, desired: KubeObject, fieldManager: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const name = temporaryName(desired.metadata.name);
    const probe = cloneObject(desired);
    probe.metadata.name = name;
    try {
      const result = await client.apply(type, probe, { fieldManager, force: true, dryRun: true });
      if (result.created) return;
    } catch (error) {
      throw withName(error, name, desired.metadata.name);
    }
  }
  throw new Error(`no unused temporary name was found to check that ${desired.metadata.name} can be created again`);
}

function temporaryName(name: string): string {
  const suffix = randomSuffix();
  return name.length <= APPEND_UP_TO ? `${name}-${suffix}` : `${name.slice(0, name.length - SUFFIX_LENGTH)}${suffix}`;
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(SUFFIX_LENGTH)].map((b) => alphabet[b % alphabet.length]).join('');
}

function withName(error: unknown, temporary: string, name: string): unknown {
  if (!(error instanceof ClusterError)) return error;
  const causes = error.causes.map((c) => ({ ...c, ...(c.message ? { message: c.message.replaceAll(temporary, name) } : {}) }));
  return new ClusterError(error.message.replaceAll(temporary, name), error.status, error.reason, causes);
}
