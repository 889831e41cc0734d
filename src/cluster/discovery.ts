// Pure parsing of discovery documents into ResourceTypes. Aggregated discovery (apidiscovery.k8s.io/v2,
// GA since Kubernetes 1.30) gives every group in two requests (/api and /apis); older servers answer
// with the legacy per-group-version documents.
import { isJsonObject, type JsonValue } from '../objects/kube-object.js';
import type { ResourceType } from './cluster-client.js';

export const AGGREGATED_DISCOVERY_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9';

function str(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function arr(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

export function isAggregatedDiscovery(doc: JsonValue): boolean {
  return isJsonObject(doc) && doc.kind === 'APIGroupDiscoveryList';
}

/** Resource types of an APIGroupDiscoveryList, every served version (preferred first, as listed). */
export function parseAggregatedDiscovery(doc: JsonValue): ResourceType[] {
  const out: ResourceType[] = [];
  if (!isJsonObject(doc)) return out;
  for (const group of arr(doc.items)) {
    if (!isJsonObject(group) || !isJsonObject(group.metadata)) continue;
    const groupName = str(group.metadata.name);
    for (const version of arr(group.versions)) {
      if (!isJsonObject(version)) continue;
      for (const r of arr(version.resources)) {
        if (!isJsonObject(r) || !isJsonObject(r.responseKind)) continue;
        out.push({
          group: groupName,
          version: str(version.version),
          kind: str(r.responseKind.kind),
          plural: str(r.resource),
          namespaced: r.scope === 'Namespaced',
          verbs: arr(r.verbs).map(str),
        });
      }
    }
  }
  return out;
}

/** Group versions listed by a legacy /apis APIGroupList (all served versions). */
export function parseGroupList(doc: JsonValue): string[] {
  if (!isJsonObject(doc)) return [];
  return arr(doc.groups)
    .flatMap((g) => (isJsonObject(g) ? arr(g.versions).map((v) => (isJsonObject(v) ? str(v.groupVersion) : '')) : []))
    .filter((gv) => gv !== '');
}

/** Resource types of a legacy APIResourceList (subresources like `deployments/status` left out). */
export function parseResourceList(groupVersion: string, doc: JsonValue): ResourceType[] {
  if (!isJsonObject(doc)) return [];
  const slash = groupVersion.indexOf('/');
  const group = slash < 0 ? '' : groupVersion.slice(0, slash);
  const version = slash < 0 ? groupVersion : groupVersion.slice(slash + 1);
  return arr(doc.resources).flatMap((r) => {
    if (!isJsonObject(r) || str(r.name).includes('/')) return [];
    return [{ group, version, kind: str(r.kind), plural: str(r.name), namespaced: r.namespaced === true, verbs: arr(r.verbs).map(str) }];
  });
}
