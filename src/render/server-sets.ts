// "The server also sets": what a create's dry-run answer holds that its manifest does not, shown
// under the diff as one line. The rule (stated in the README, beside its example comment):
// - only fields the manifest leaves out, each at the topmost missing key (`spec.strategy: {…}`);
//   a value the server rewrites (a canonical quantity) is not listed; the plan file has it all;
// - never what no diff shows: server metadata (uid, resourceVersion, managedFields, timestamps),
//   status, values allocated per object (cluster IPs, node ports) and our own bookkeeping;
// - never an empty map or list, nor one of QUIET_DEFAULTS: Kubernetes' fixed defaults that say
//   nothing about this object. Any other value is listed: `type: ClusterIP`, a Deployment's
//   `strategy`, an image pull policy, a LimitRange's defaults, what a mutating webhook adds.
import { dump } from 'js-yaml';
import { isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { jsonEqual } from '../plan/normalize.js';
import { withoutBookkeeping } from './bookkeeping.js';

export interface ServerSetting {
  /** Dotted path, list items by index: `spec.ports[0].protocol`. */
  path: string;
  value: JsonValue;
}

interface QuietDefault {
  /** The path's end, list indexes written `[]`. */
  suffix: string;
  value: JsonValue;
}

const POD = ['spec.containers[]', 'spec.initContainers[]'];

/** Defaults the API server (or its built-in admission) gives every object of a kind, whatever it is for. */
export const QUIET_DEFAULTS: readonly QuietDefault[] = [
  { suffix: 'spec.ports[].protocol', value: 'TCP' },
  { suffix: 'spec.sessionAffinity', value: 'None' },
  { suffix: 'spec.internalTrafficPolicy', value: 'Cluster' },
  { suffix: 'spec.ipFamilyPolicy', value: 'SingleStack' },
  { suffix: 'spec.ipFamilies', value: ['IPv4'] },
  ...POD.flatMap((c) => [
    { suffix: `${c}.ports[].protocol`, value: 'TCP' },
    { suffix: `${c}.terminationMessagePath`, value: '/dev/termination-log' },
    { suffix: `${c}.terminationMessagePolicy`, value: 'File' },
  ]),
  { suffix: 'spec.dnsPolicy', value: 'ClusterFirst' },
  { suffix: 'spec.schedulerName', value: 'default-scheduler' },
  { suffix: 'spec.terminationGracePeriodSeconds', value: 30 },
  { suffix: 'spec.restartPolicy', value: 'Always' },
  { suffix: 'template.metadata.creationTimestamp', value: null },
  { suffix: 'spec.revisionHistoryLimit', value: 10 },
  { suffix: 'spec.progressDeadlineSeconds', value: 600 },
  { suffix: 'spec.finalizers', value: ['kubernetes'] },
  { suffix: 'type', value: 'Opaque' },
];

/** What `after` (the server's answer, normalised and masked) adds to `written` (the manifest): shallowest first, then in `after`'s order. */
export function serverSets(written: KubeObject, after: KubeObject | undefined): ServerSetting[] {
  const out: ServerSetting[] = [];
  const server = withoutBookkeeping(after);
  if (server) walk(withoutBookkeeping(written) ?? written, server, '', out);
  return out
    .flatMap((s) => {
      const value = withoutQuiet(s.value, s.path, server);
      return value === undefined ? [] : [{ path: s.path, value }];
    })
    .sort((a, b) => depth(a.path) - depth(b.path));
}

/** The value without its quiet parts (an added map may hold quiet defaults); undefined when nothing else is left. */
function withoutQuiet(value: JsonValue, path: string, server: KubeObject | undefined): JsonValue | undefined {
  if (isQuiet({ path, value }, server)) return undefined;
  if (!isJsonObject(value)) return value;
  const kept = Object.entries(value).flatMap(([key, v]) => {
    const rest = withoutQuiet(v, childPath(path, key), server);
    return rest === undefined ? [] : [[key, rest] as const];
  });
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}${/^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
}

function depth(path: string): number {
  return path.split(/\.|\[/).length;
}

function walk(mine: JsonValue, theirs: JsonValue, path: string, out: ServerSetting[]): void {
  if (isJsonObject(mine) && isJsonObject(theirs)) {
    for (const [key, value] of Object.entries(theirs)) {
      const at = childPath(path, key);
      if (key in mine) walk(mine[key] as JsonValue, value, at, out);
      else out.push({ path: at, value });
    }
  } else if (Array.isArray(mine) && Array.isArray(theirs)) {
    theirs.forEach((value, i) => {
      if (i < mine.length) walk(mine[i] as JsonValue, value, `${path}[${i}]`, out);
      else out.push({ path: `${path}[${i}]`, value });
    });
  }
}

function isQuiet(s: ServerSetting, server: KubeObject | undefined): boolean {
  if (isEmpty(s.value)) return true;
  const general = s.path.replace(/\[\d+\]/g, '[]');
  if (QUIET_DEFAULTS.some((d) => (general === d.suffix || general.endsWith(`.${d.suffix}`)) && jsonEqual(s.value, d.value))) return true;
  // A Namespace's own name as a label (kubernetes.io/metadata.name): the server adds it to every one.
  return server?.kind === 'Namespace' && s.path === 'metadata.labels["kubernetes.io/metadata.name"]' && s.value === server.metadata.name;
}

function isEmpty(value: JsonValue): boolean {
  return (Array.isArray(value) && value.length === 0) || (isJsonObject(value) && Object.keys(value).length === 0);
}

/** `path: value`, the value as one line of flow YAML. */
export function settingText(s: ServerSetting): string {
  return `${s.path}: ${dump(s.value, { flowLevel: 0, lineWidth: -1 }).trimEnd()}`;
}

/** The settings as one line of at most `width` characters: whole items, then how many more. */
export function settingsLine(settings: readonly ServerSetting[], width: number, item: (text: string) => string = (t) => t): string {
  const texts = settings.map(settingText);
  const kept: string[] = [];
  let used = 0;
  for (const [i, text] of texts.entries()) {
    const rest = texts.length - i - 1;
    const tail = rest > 0 ? `, …and ${rest} more`.length : 0;
    if (kept.length > 0 && used + 2 + text.length + tail > width) break;
    kept.push(item(text.length > width ? `${text.slice(0, width - 1)}…` : text));
    used += text.length + 2;
  }
  const more = texts.length - kept.length;
  return `${kept.join(', ')}${more > 0 ? `, …and ${more} more` : ''}`;
}
