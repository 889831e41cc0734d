// The one wording of a request about one object that the server (or the client) refused:
// `<Kind/ns/name> <verb> failed (<reason>): <message>`, the reason when the server gave one.
import { ClusterError } from './cluster-error.js';
import { getErrorMessage } from '../model/errors.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';

/** What was being done to the object when it failed. */
export type ObjectVerb = 'dry-run' | 'apply' | 'delete';

export function objectFailure(ref: ObjectRef, verb: ObjectVerb, error: unknown): string {
  const reason = error instanceof ClusterError && error.reason ? ` (${error.reason})` : '';
  return `${formatRef(ref)} ${verb} failed${reason}: ${getErrorMessage(error)}`;
}
