// The inputs of `mode: preview`, checked as they are read: the namespace prefix (a DNS label short
// enough that `<prefix>-pr-<number>` stays one), the cluster-scoped kinds a preview may hold (never
// Namespace, which kube-gitops makes itself, nor ClusterRoleBinding, which grants cluster-wide),
// and the TTL. Every message names the input.
import { ConfigurationError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import { inputDefault } from './input-defaults.js';
import type { InputReader } from './input-reader.js';
import type { PreviewSettings } from './settings.js';
import { readQuotaSettings } from './preview-quota-settings.js';

/** `-pr-` and a pull request number of up to 10 digits must still fit a 63-character label. */
export const MAX_PREFIX_CHARS = 40;

const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `Kind` (core) or `Kind.group`. */
const KIND = /^[A-Z][A-Za-z0-9]{0,62}(\.[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)?$/;

/** Kinds no preview may hold, whatever the input says. */
const NEVER_ALLOWED: ReadonlyMap<string, string> = new Map([
  ['Namespace', "the preview's Namespace is made by kube-gitops"],
  ['ClusterRoleBinding.rbac.authorization.k8s.io', 'it would grant outside the preview namespace'],
]);

export function readPreviewSettings(input: InputReader, parseDuration: (value: string, name: string) => number): PreviewSettings {
  const ttl = input(Inputs.PreviewTtl).trim();
  const ttlMs = ttl === '' ? undefined : parseDuration(ttl, Inputs.PreviewTtl);
  if (ttlMs !== undefined && ttlMs <= 0) {
    throw new ConfigurationError(`Input '${Inputs.PreviewTtl}' must be a duration longer than zero, such as 72h; got '${ttl}'.`, Inputs.PreviewTtl);
  }
  return { prefix: readPrefix(input), clusterKinds: readKinds(input), ...(ttlMs === undefined ? {} : { ttlMs }), ...readQuotaSettings(input) };
}

function readPrefix(input: InputReader): string {
  const value = input(Inputs.PreviewPrefix).trim() || inputDefault(Inputs.PreviewPrefix);
  if (value.length > MAX_PREFIX_CHARS || !PREFIX.test(value)) {
    throw new ConfigurationError(
      `Input '${Inputs.PreviewPrefix}' must be a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit) of at most ${MAX_PREFIX_CHARS} characters, so that '<prefix>-pr-<number>' is a namespace name; got ${JSON.stringify(value.slice(0, 100))}.`,
      Inputs.PreviewPrefix,
    );
  }
  return value;
}

function readKinds(input: InputReader): string[] {
  const kinds = input(Inputs.PreviewClusterKinds)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  for (const kind of kinds) {
    if (!KIND.test(kind)) {
      throw new ConfigurationError(
        `Input '${Inputs.PreviewClusterKinds}' takes one kind per line as Kind or Kind.group (e.g. ClusterRole.rbac.authorization.k8s.io); got ${JSON.stringify(kind.slice(0, 100))}.`,
        Inputs.PreviewClusterKinds,
      );
    }
    const why = NEVER_ALLOWED.get(kind);
    if (why) throw new ConfigurationError(`Input '${Inputs.PreviewClusterKinds}' cannot allow ${kind}: ${why}.`, Inputs.PreviewClusterKinds);
  }
  return kinds;
}
