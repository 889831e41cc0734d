// Why a write failed, decided where it failed from the typed error (the Status reason and HTTP
// status of a ClusterError), never parsed from a message: the reports choose their advice by it
// (a field conflict is not fixed by a revert, an invalid object is fixed in the manifests).
import { isClusterError, isConflict } from '../cluster/cluster-error.js';

/**
 * - `conflict`: another field manager owns fields the manifest sets (409 Conflict);
 * - `invalid`: the server or an admission webhook or policy refused the object (422 Invalid, 400 BadRequest);
 * - `forbidden`: the run's identity may not write it, or an admission policy forbade it (403);
 * - `hook`: a hook was written but did not complete;
 * - `not-established`: a CustomResourceDefinition was not Established in time;
 * - `interrupted`: the run was interrupted before the write started;
 * - `other`: anything else (the connection, a kind the cluster does not serve).
 */
export type FailureCause = 'conflict' | 'invalid' | 'forbidden' | 'hook' | 'not-established' | 'interrupted' | 'other';

export function failureCause(error: unknown): FailureCause {
  if (isConflict(error)) return 'conflict';
  if (!isClusterError(error)) return 'other';
  if (error.status === 422 || error.status === 400 || error.reason === 'Invalid' || error.reason === 'BadRequest') return 'invalid';
  if (error.status === 403 || error.reason === 'Forbidden') return 'forbidden';
  return 'other';
}
