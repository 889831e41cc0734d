// What a failed connection means. Only the network's failures are "unreachable" (and retried);
// TLS trust problems are the kubeconfig's to fix; anything else fails as itself.
import { errorCode, getErrorMessage } from '../model/errors.js';
import { ClusterConnectionError, ClusterUnreachableError, KubeconfigError } from './connection-errors.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NODATA',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENETRESET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'CERT_SIGNATURE_FAILURE',
]);

/** Where the connection went, for messages: the server URL without userinfo and the kubeconfig's cluster name. */
export interface ConnectionTarget {
  server: string;
  clusterName: string;
}

/** The system, TLS or undici code of a connection error (also inside a cause or an AggregateError). */
function connectionCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth++) {
    const code = errorCode(e);
    if (code !== undefined && code !== 'UND_ERR' && code !== 'ERR_AGGREGATE') return code;
    const inner = (e as { errors?: unknown }).errors;
    e = Array.isArray(inner) && inner.length > 0 ? inner[0] : (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isNetworkFailure(error: unknown): boolean {
  const code = connectionCode(error);
  return code !== undefined && NETWORK_CODES.has(code);
}

function isTlsFailure(code: string): boolean {
  return UNTRUSTED_CODES.has(code) || /^(ERR_TLS_|ERR_SSL_)|^CERT_|^EPROTO$|HOSTNAME_MISMATCH/.test(code);
}

/** The typed error for a request that got no answer; `context` says what it was for when it gave up after retries. */
export function connectionFailure(error: unknown, target: ConnectionTarget, context?: string): Error {
  const code = connectionCode(error);
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new ClusterUnreachableError(`cannot reach the Kubernetes API at ${target.server} (${code}${context ? `; ${context}` : ''})`, code);
  }
  if (code !== undefined && isTlsFailure(code)) return new KubeconfigError(tlsMessage(code, target));
  return new ClusterConnectionError(
    `the connection to the Kubernetes API at ${target.server} failed: ${withoutUserinfo(getErrorMessage(error))}${code ? ` (${code})` : ''}`,
  );
}

function tlsMessage(code: string, target: ConnectionTarget): string {
  const at = `The TLS connection to the Kubernetes API at ${target.server} (cluster '${target.clusterName}' in the kubeconfig) failed`;
  if (UNTRUSTED_CODES.has(code)) {
    return `${at}: the server's certificate is not signed by a certificate authority the kubeconfig trusts (${code}). Set the cluster's certificate-authority-data to the CA that issued the API server's certificate.`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code.includes('HOSTNAME_MISMATCH')) {
    return `${at}: the server's certificate is not issued for this host name (${code}). Use a server URL with a host name the certificate names, or set the cluster's tls-server-name.`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `${at}: the server's certificate is not valid now (${code}). Renew the API server's certificate or check the runner's clock.`;
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO') {
    return `${at}: the server did not answer with TLS (${code}). Check the server URL's scheme and port.`;
  }
  return `${at} (${code}). Check the cluster's certificate-authority-data and the user's client certificate in the kubeconfig.`;
}

/** `scheme://user:password@host` → `scheme://host`, anywhere in a text. */
function withoutUserinfo(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@?#]*@/gi, '$1');
}
