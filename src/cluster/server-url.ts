// The kubeconfig's server and proxy URLs: checked once, and never shown with their userinfo.
import { KubeconfigError } from './connection-errors.js';

/** The URL as messages may show it: without `user:password@`. Unparseable text is not echoed. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(a malformed URL)';
  }
}

/** `user:password@` of a URL (and the password alone), to be registered as secrets. */
export function urlUserinfo(url: string): string[] {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(url.trim());
  if (!m?.[1]) return [];
  const userinfo = m[1];
  const decoded = safeDecode(userinfo);
  const colon = userinfo.indexOf(':');
  const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
  return [...new Set([userinfo, decoded, password, safeDecode(password)].filter((v) => v !== ''))];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The cluster's server URL, parsed; a malformed or non-HTTP(S) one is a KubeconfigError naming the cluster. */
export function parseServerUrl(server: string, clusterName: string, skipTLSVerify: boolean): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError(`The server URL of cluster '${clusterName}' in the kubeconfig is not a valid URL; expected https://<host>[:<port>][/<path>].`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KubeconfigError(
      `The server URL of cluster '${clusterName}' in the kubeconfig uses ${url.protocol.replace(/:$/, '')}://; expected https://<host>[:<port>].`,
    );
  }
  if (url.protocol === 'http:' && !skipTLSVerify) {
    throw new KubeconfigError(
      `The server URL of cluster '${clusterName}' (${displayUrl(server)}) is plain http://, which would send the credentials unencrypted; use https:// (or set insecure-skip-tls-verify: true for a local test cluster).`,
    );
  }
  return url;
}
