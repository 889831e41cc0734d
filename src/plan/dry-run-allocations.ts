// A dry-run create allocates what the real create allocates again, with other values: a Service's
// cluster IPs and node ports, a Job's selector and pod labels made from its fresh uid. Showing the
// dry-run's values would promise what the merge will not give (and every plan would differ from the
// last, so the review record of a new Job would never match), so a create's diff leaves out the
// allocated fields its manifest does not set.
import { isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';

/** Service spec fields the server allocates when the manifest leaves them out. */
const ALLOCATED_SERVICE_FIELDS = ['clusterIP', 'clusterIPs', 'healthCheckNodePort'];

/** Pod labels the Job controller's create derives from the Job's uid. */
const JOB_UID_LABELS = ['batch.kubernetes.io/controller-uid', 'controller-uid'];

/** `after` (a dry-run create's answer, normalised) without the allocations `desired` did not ask for. */
export function withoutDryRunAllocations(after: KubeObject, desired: KubeObject): KubeObject {
  if (after.apiVersion === 'batch/v1' && after.kind === 'Job') return withoutJobUid(after, desired);
  const spec = after.spec;
  if (after.apiVersion !== 'v1' || after.kind !== 'Service' || !isJsonObject(spec)) return after;
  const wanted: JsonObject = isJsonObject(desired.spec) ? desired.spec : {};
  for (const field of ALLOCATED_SERVICE_FIELDS) if (!(field in wanted)) delete spec[field];
  if (Array.isArray(spec.ports)) {
    const wantedPorts = Array.isArray(wanted.ports) ? wanted.ports.filter(isJsonObject) : [];
    spec.ports = spec.ports.map((port) => withoutNodePort(port, wantedPorts));
  }
  return after;
}

/** A port keeps its nodePort only when the manifest's port of the same number and protocol sets one. */
function withoutNodePort(port: JsonValue, wantedPorts: readonly JsonObject[]): JsonValue {
  if (!isJsonObject(port) || !('nodePort' in port)) return port;
  const wanted = wantedPorts.find((w) => w.port === port.port && protocolOf(w) === protocolOf(port));
  if (wanted && 'nodePort' in wanted) return port;
  return Object.fromEntries(Object.entries(port).filter(([key]) => key !== 'nodePort'));
}

function protocolOf(port: JsonObject): JsonValue {
  return port.protocol ?? 'TCP';
}

/** A Job's generated selector and uid labels, unless the manifest sets them itself (manualSelector). */
function withoutJobUid(after: KubeObject, desired: KubeObject): KubeObject {
  const spec = after.spec;
  if (!isJsonObject(spec)) return after;
  const wanted: JsonObject = isJsonObject(desired.spec) ? desired.spec : {};
  if (!('selector' in wanted)) delete spec.selector;
  const template = isJsonObject(spec.template) ? spec.template : undefined;
  const metadata = template && isJsonObject(template.metadata) ? template.metadata : undefined;
  const labels = metadata && isJsonObject(metadata.labels) ? metadata.labels : undefined;
  if (!labels || !metadata) return after;
  const wantedTemplate = isJsonObject(wanted.template) && isJsonObject(wanted.template.metadata) ? wanted.template.metadata : {};
  const wantedLabels = isJsonObject(wantedTemplate.labels) ? wantedTemplate.labels : {};
  for (const key of JOB_UID_LABELS) if (!(key in wantedLabels)) delete labels[key];
  if (Object.keys(labels).length === 0) delete metadata.labels;
  return after;
}
