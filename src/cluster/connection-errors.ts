// Failures that happen before the API server answers, each typed for what it is: the network
// (the only case a pull request plan may fall back to the git diff for), or a kubeconfig the
// user must fix (TLS, credentials, exec plugin, server URL). Never an invented HTTP status.
import { ConfigurationError } from '../model/errors.js';

/** The API server could not be reached: refused, timed out, DNS, unreachable host or network, reset before any response. */
export class ClusterUnreachableError extends Error {
  override name = 'ClusterUnreachableError';
  constructor(
    message: string,
    /** The system or undici error code, e.g. ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT. */
    readonly code: string,
  ) {
    super(message);
  }
}

/** The kubeconfig does not get us in: TLS trust, credentials, exec plugin, server URL. The user fixes the kubeconfig. */
export class KubeconfigError extends ConfigurationError {
  override name = 'KubeconfigError';
  constructor(message: string) {
    super(message, 'kubeconfig');
  }
}

/** A connection failed in a way that is neither the network nor the kubeconfig (e.g. a proxy refusing the tunnel). */
export class ClusterConnectionError extends Error {
  override name = 'ClusterConnectionError';
}

export function isClusterUnreachable(error: unknown): error is ClusterUnreachableError {
  return error instanceof ClusterUnreachableError;
}

/** The API server answered with something we cannot read (a corrupt gzip body, a body that is not an object). */
export class UnreadableResponseError extends Error {
  override name = 'UnreadableResponseError';
}
