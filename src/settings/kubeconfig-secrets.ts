import { load } from 'js-yaml';
import { isJsonObject, type JsonValue } from '../objects/kube-object.js';

const SECRET_KEYS = new Set([
  'token', 'password', 'client-key-data', 'client-certificate-data', 'id-token', 'refresh-token',
  'client-secret', 'access-token', 'idp-certificate-authority-data',
]);

/**
 * Every credential value in a kubeconfig (tokens, keys, passwords, exec env values), to be
 * masked one by one: masking the whole file would mask lines like `apiVersion: v1` everywhere.
 */
export function kubeconfigSecrets(kubeconfig: string): string[] {
  let doc: unknown;
  try {
    doc = load(kubeconfig);
  } catch {
    return [];
  }
  const out = new Set<string>();
  const users = isJsonObject(doc as JsonValue) && Array.isArray((doc as { users?: unknown }).users) ? (doc as { users: JsonValue[] }).users : [];
  for (const u of users) if (isJsonObject(u)) collect(u.user ?? null, out, false);
  return [...out].filter((s) => s.length >= 4);
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
