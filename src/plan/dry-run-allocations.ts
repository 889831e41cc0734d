// A dry-run create allocates what the real create allocates again, with other values: a Service's
// cluster IPs and node ports. Showing the dry-run's values would promise what the merge will not
// give, so a create's diff leaves out the allocated fields its manifest does not set.
import { isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';

/** Service spec fields the server allocates when the manifest leaves them out. */
const ALLOCATED_SERVICE_FIELDS = ['clusterIP', 'clusterIPs', 'healthCheckNodePort'];

/** `after` (a dry-run create's answer, normalised) without the allocations `desired` did not ask for. */
export function withoutDryRunAllocations(after: KubeObject, desired: KubeObject): KubeObject {
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
