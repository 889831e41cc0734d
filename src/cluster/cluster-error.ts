/**
 * An API request the server answered with an error, reduced to what a user can act on: the HTTP
 * status, the Status reason and the server's message. Never carries headers, request bodies or
 * credentials. Failures without an answer are in connection-errors.ts.
 */
export class ClusterError extends Error {
  override name = 'ClusterError';
  constructor(
    message: string,
    /** The HTTP status the server answered with. */
    readonly status: number,
    /** Kubernetes Status `reason` (Conflict, Invalid, NotFound, Forbidden...), when the server sent one. */
    readonly reason: string | undefined,
    /** Status `details.causes`, when present. */
    readonly causes: { field?: string; message?: string; reason?: string }[] = [],
  ) {
    super(message);
  }
}

export function isClusterError(error: unknown): error is ClusterError {
  return error instanceof ClusterError;
}

/** A field another manager owns, as SSA conflict messages list them. */
export function isConflict(error: unknown): error is ClusterError {
  return isClusterError(error) && error.status === 409 && error.reason === 'Conflict';
}

const IMMUTABLE_PATTERNS = [/field is immutable/i, /is immutable/i, /may not change once set/i, /cannot be changed/i];

/** The server refused because an immutable field would change: the object must be replaced. */
export function isImmutableError(error: unknown): error is ClusterError {
  if (!isClusterError(error) || (error.status !== 422 && error.reason !== 'Invalid')) return false;
  return IMMUTABLE_PATTERNS.some((p) => p.test(error.message) || error.causes.some((c) => p.test(c.message ?? '')));
}

export function isNotFound(error: unknown): error is ClusterError {
  return isClusterError(error) && error.status === 404;
}
