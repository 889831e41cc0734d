import { load } from 'js-yaml';
import { urlUserinfo } from '../cluster/server-url.js';
import { isJsonObject, type JsonValue } from '../objects/kube-object.js';

const SECRET_KEYS = new Set([
  'token',
  'password',
  'client-key-data',
  'client-certificate-data',
  'id-token',
  'refresh-token',
  'client-secret',
  'access-token',
  'idp-certificate-authority-data',
]);

/** Cluster URLs that may carry `user:password@`. */
const URL_KEYS = ['server', 'proxy-url'];

/**
 * Every credential value in a kubeconfig (tokens, keys, passwords, exec env values, the userinfo
 * of server and proxy URLs), to be masked one by one: masking the whole file would mask lines like
 * `apiVersion: v1` everywhere.
 */
export function kubeconfigSecrets(kubeconfig: string): string[] {
  let doc: unknown;
  try {
    doc = load(kubeconfig);
  } catch {
    return [];
  }
  if (!isJsonObject(doc)) return [];
  const out = new Set<string>();
  for (const u of listOf(doc.users)) if (isJsonObject(u)) collect(u.user ?? null, out, false);
  for (const c of listOf(doc.clusters)) {
    const cluster = isJsonObject(c) && isJsonObject(c.cluster) ? c.cluster : {};
    for (const key of URL_KEYS) {
      const url = cluster[key];
      if (typeof url === 'string') for (const v of urlUserinfo(url)) out.add(v);
    }
  }
  return [...out].filter((s) => s.length >= 4);
}

function listOf(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function collect(value: JsonValue, out: Set<string>, secret: boolean): void {
  if (typeof value === 'string') {
    if (secret) out.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, secret);
    return;
  }
  if (!isJsonObject(value)) return;
  const isEnvVar = typeof value.name === 'string' && 'value' in value;
  for (const [k, v] of Object.entries(value)) {
    collect(v, out, secret || SECRET_KEYS.has(k) || (isEnvVar && k === 'value'));
  }
}
