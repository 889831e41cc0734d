import type { Throttling } from '../concurrency/adaptive-limit.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';

/** One API resource as discovery describes it. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** URL segment, e.g. `deployments`. */
  plural: string;
  namespaced: boolean;
  verbs: string[];
}

export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields other managers own (SSA `force=true`). */
  force: boolean;
  /** Server-side dry-run (`dryRun=All`): validated, defaulted, admitted, never stored. */
  dryRun: boolean;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  /** Server-side field selector, e.g. `involvedObject.name=web` for Events. */
  fieldSelector?: string;
}

export interface ApplyResult {
  object: KubeObject;
  /** The apply created the object (HTTP 201; for a dry-run: it would create it). */
  created: boolean;
  /** `Warning` headers the API server sent (deprecated APIs, unknown fields...). */
  warnings: string[];
}

/**
 * The port to the Kubernetes API. Everything crossing it is plain JSON exactly as the server
 * sent it; failures are ClusterErrors. One implementation talks to a real cluster
 * (k8s-client.ts); nothing else imports the Kubernetes client library.
 */
export interface ClusterClient {
  /** The server's resource types, from one discovery request set; `refresh` reloads after CRDs change. */
  resourceTypes(refresh?: boolean): Promise<ResourceType[]>;
  get(type: ResourceType, ref: ObjectRef): Promise<KubeObject | undefined>;
  list(type: ResourceType, options?: ListOptions): Promise<KubeObject[]>;
  apply(type: ResourceType, obj: KubeObject, options: ApplyOptions): Promise<ApplyResult>;
  /** Deletes with foreground propagation unless told otherwise; a missing object is not an error. */
  delete(type: ResourceType, ref: ObjectRef, options?: { dryRun?: boolean }): Promise<void>;
  /** The server's `gitVersion`, e.g. v1.36.3. */
  serverVersion(): Promise<string>;
  /** How the server throttled this client so far (429s waited out, the lowest concurrency reached); absent in fakes. */
  throttling?(): Throttling;
  close(): Promise<void>;
}
