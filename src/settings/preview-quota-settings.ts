// The `preview-quota` and `preview-limits` inputs: `resource: quantity` lines (a ResourceQuota's
// `spec.hard`) and `field.resource: quantity` lines (a LimitRange's Container item), each name and
// quantity checked as Kubernetes spells them; a bad line is a ConfigurationError naming the input
// and the line.
import { ConfigurationError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import type { InputReader } from './input-reader.js';
import type { LimitField, PreviewSettings } from './settings.js';

/** A resource name: `cpu`, `requests.memory`, `count/deployments.apps`, `requests.nvidia.com/gpu`. */
const RESOURCE = /^[a-z0-9]([-a-z0-9./]{0,251}[a-z0-9])?$/;
/** A quantity: a number with an optional SI, binary or exponent suffix. */
const QUANTITY = /^[0-9]+(\.[0-9]+)?([munkMGTPE]|[KMGTPE]i|[eE][0-9]+)?$/;
const LIMIT_FIELDS: readonly LimitField[] = ['default', 'defaultRequest', 'max', 'min'];

export function readQuotaSettings(input: InputReader): Pick<PreviewSettings, 'quota' | 'limits'> {
  const quota = pairs(input, Inputs.PreviewQuota, 'resource: quantity (e.g. limits.memory: 4Gi)');
  const limits: NonNullable<PreviewSettings['limits']> = {};
  for (const [key, quantity] of pairs(input, Inputs.PreviewLimits, 'field.resource: quantity (e.g. default.memory: 512Mi)')) {
    const dot = key.indexOf('.');
    const field = LIMIT_FIELDS.find((f) => f === key.slice(0, dot));
    if (dot < 0 || field === undefined) {
      throw new ConfigurationError(
        `Input '${Inputs.PreviewLimits}': ${JSON.stringify(key)} must start with ${LIMIT_FIELDS.join(', ')} and a dot (e.g. default.memory).`,
        Inputs.PreviewLimits,
      );
    }
    limits[field] = { ...limits[field], [key.slice(dot + 1)]: quantity };
  }
  return { ...(quota.length > 0 ? { quota: Object.fromEntries(quota) } : {}), ...(Object.keys(limits).length > 0 ? { limits } : {}) };
}

/** The input's `name: quantity` lines, blank lines and `#` comments left out. */
function pairs(input: InputReader, name: string, format: string): [string, string][] {
  const lines = input(name)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return lines.map((line) => {
    const colon = line.indexOf(':');
    const key = line.slice(0, colon).trim();
    const quantity = line
      .slice(colon + 1)
      .trim()
      .replace(/^(["'])(.*)\1$/, '$2');
    const resource = name === Inputs.PreviewLimits ? key.slice(key.indexOf('.') + 1) : key;
    if (colon < 0 || !RESOURCE.test(resource) || !QUANTITY.test(quantity)) {
      throw new ConfigurationError(`Input '${name}' takes one ${format} per line; got ${JSON.stringify(line.slice(0, 100))}.`, name);
    }
    return [key, quantity];
  });
}
