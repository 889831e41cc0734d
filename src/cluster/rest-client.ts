// The REST verbs of the ClusterClient port over one Transport: discovery, GET, paged LIST,
// server-side apply (optionally dry-run) and DELETE, as plain JSON exactly as the server sent it.
import { isJsonObject, type KubeObject } from '../objects/kube-object.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';
import { asObject } from './api-response.js';
import type { ApplyOptions, ApplyResult, ClusterClient, ListOptions, ResourceType } from './cluster-client.js';
import { isClusterError, isNotFound } from './cluster-error.js';
import { KubeconfigError } from './connection-errors.js';
import { AGGREGATED_DISCOVERY_ACCEPT, isAggregatedDiscovery, parseAggregatedDiscovery, parseGroupList, parseResourceList } from './discovery.js';
import type { Transport } from './transport.js';
import type { Throttling } from '../concurrency/adaptive-limit.js';

const LIST_PAGE_SIZE = 500;

export class RestClient implements ClusterClient {
  private types: Promise<ResourceType[]> | undefined;

  constructor(private readonly transport: Transport) {}

  async serverVersion(): Promise<string> {
    const res = await this.transport.request('GET', '/version');
    return isJsonObject(res.body) && typeof res.body.gitVersion === 'string' ? res.body.gitVersion : 'unknown';
  }

  resourceTypes(refresh = false): Promise<ResourceType[]> {
    if (!this.types || refresh) {
      this.types = this.discover();
      this.types.catch(() => (this.types = undefined));
    }
    return this.types;
  }

  async get(type: ResourceType, ref: ObjectRef): Promise<KubeObject | undefined> {
    try {
      return asObject((await this.transport.request('GET', objectPath(type, ref), { subject: `the get of ${formatRef(ref)}` })).body);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(type: ResourceType, options: ListOptions = {}): Promise<KubeObject[]> {
    const items: KubeObject[] = [];
    let continueToken = '';
    do {
      const query: Record<string, string> = { limit: String(LIST_PAGE_SIZE) };
      if (options.labelSelector) query.labelSelector = options.labelSelector;
      if (options.fieldSelector) query.fieldSelector = options.fieldSelector;
      if (continueToken) query.continue = continueToken;
      const res = await this.transport.request('GET', collectionPath(type, options.namespace), {
        query,
        subject: `the list of ${type.kind} objects${type.namespaced && options.namespace ? ` in ${options.namespace}` : ''}`,
      });
      if (!isJsonObject(res.body)) break;
      for (const item of Array.isArray(res.body.items) ? res.body.items : []) {
        // List items from a real server carry no apiVersion/kind: restore them so items look like GETs.
        if (isJsonObject(item)) items.push({ ...item, apiVersion: apiVersion(type), kind: type.kind } as KubeObject);
      }
      const meta = res.body.metadata;
      continueToken = isJsonObject(meta) && typeof meta.continue === 'string' ? meta.continue : '';
    } while (continueToken);
    return items;
  }

  async apply(type: ResourceType, obj: KubeObject, options: ApplyOptions): Promise<ApplyResult> {
    const ref = {
      group: type.group,
      version: type.version,
      kind: type.kind,
      name: obj.metadata.name,
      ...(type.namespaced && typeof obj.metadata.namespace === 'string' ? { namespace: obj.metadata.namespace } : {}),
    };
    const query: Record<string, string> = { fieldManager: options.fieldManager, fieldValidation: 'Strict' };
    if (options.force) query.force = 'true';
    if (options.dryRun) query.dryRun = 'All';
    const res = await this.transport.request('PATCH', objectPath(type, ref), {
      query,
      subject: `the ${options.dryRun ? 'dry-run apply' : 'apply'} of ${formatRef(ref)}`,
      body: JSON.stringify(obj),
      contentType: 'application/apply-patch+yaml',
    });
    return { object: asObject(res.body), created: res.status === 201, warnings: res.warnings };
  }

  async delete(type: ResourceType, ref: ObjectRef, options: { dryRun?: boolean } = {}): Promise<void> {
    const query: Record<string, string> = {};
    if (options.dryRun) query.dryRun = 'All';
    try {
      await this.transport.request('DELETE', objectPath(type, ref), {
        query,
        subject: `the ${options.dryRun ? 'dry-run delete' : 'delete'} of ${formatRef(ref)}`,
        body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' }),
        contentType: 'application/json',
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  throttling(): Throttling {
    return this.transport.throttling();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** Discovery is the first request of a run: a 403 there means the kubeconfig's user cannot use the API at all. */
  private async discover(): Promise<ResourceType[]> {
    try {
      return await this.discoverTypes();
    } catch (error) {
      if (!isClusterError(error) || error.status !== 403) throw error;
      throw new KubeconfigError(
        `The Kubernetes API refused ${this.transport.credentials} even its discovery documents (403 Forbidden: ${error.message}). Use a user the cluster knows, or bind it to the system:discovery ClusterRole.`,
      );
    }
  }

  private async discoverTypes(): Promise<ResourceType[]> {
    const [core, groups] = await Promise.all([
      this.transport.request('GET', '/api', { accept: AGGREGATED_DISCOVERY_ACCEPT }),
      this.transport.request('GET', '/apis', { accept: AGGREGATED_DISCOVERY_ACCEPT }),
    ]);
    if (isAggregatedDiscovery(core.body) && isAggregatedDiscovery(groups.body)) {
      return [...parseAggregatedDiscovery(core.body), ...parseAggregatedDiscovery(groups.body)];
    }
    const groupVersions = ['v1', ...parseGroupList(groups.body)];
    const lists = await Promise.all(
      groupVersions.map(async (gv) => {
        const res = await this.transport.request('GET', gv === 'v1' ? '/api/v1' : `/apis/${gv}`);
        return parseResourceList(gv, res.body);
      }),
    );
    return lists.flat();
  }
}

function apiVersion(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

function groupVersionPath(type: ResourceType): string {
  return type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
}

function collectionPath(type: ResourceType, namespace: string | undefined): string {
  const ns = type.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(type)}${ns}/${type.plural}`;
}

function objectPath(type: ResourceType, ref: ObjectRef): string {
  if (type.namespaced && !ref.namespace) throw new Error(`${formatRef(ref)} needs a namespace`);
  return `${collectionPath(type, ref.namespace)}/${encodeURIComponent(ref.name)}`;
}
