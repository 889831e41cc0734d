// An in-memory ClusterClient for unit tests of the planner's and applier's branches: a real
// implementation of the port (no module mocks), with the API server's behaviour simplified.
// The real-apiserver tests (test/integration) stay the ground truth; this fake only has to be
// right about what the engine relies on:
// - Objects are kept by resource type (group + plural), namespace and name; reads return copies.
// - `get` answers undefined for a missing object; `list` filters by namespace and by a label
//   selector of `key=value`, `key!=value`, `key` and `!key` terms joined by commas, and by a field
//   selector of `path=value` terms (e.g. `metadata.name=web`, `involvedObject.name=web`).
// - `apply` is server-side apply simplified: the applied object's fields are merged over the
//   stored one (maps merged key by key, lists and scalars replaced; a field the manager stops
//   applying is NOT removed). A namespaced object in a namespace that does not exist is refused
//   with the server's NotFound (`namespaces "x" not found`). `created` is true when the object was
//   new; a dry-run answers the same but stores nothing. uid, resourceVersion and
//   creationTimestamp are set as the server sets them.
// - managedFields: each apply replaces the applying manager's `Apply` entry by the fields the
//   applied object sets (FieldsV1; maps field by field, every list owned whole, as atomic lists
//   are), at the applied apiVersion. That is enough for src/plan/no-op-apply.ts's proof to hold
//   for re-applies of the same manifest; `recordManagedFields: false` leaves them out, so no
//   proof is possible and every object is dry-run. Conflicts are never detected: script them.
// - CustomResourceDefinitions applied for real serve their kinds after `resourceTypes(true)`, and
//   read Established from their `establishedOnRead`-th read on (1 = the first read).
// - `delete` removes the object (a missing one is not an error); `lingerDeletion` keeps it,
//   with a deletionTimestamp, for N more reads, as finalizers do.
// - `failOn` scripts a failure (a ClusterError, a ClusterUnreachableError...) for calls matching
//   a verb and an object, once, N times or always.
// - Every call is recorded in `calls`, in order, for assertions ("no write happened").
import type { ApplyOptions, ApplyResult, ClusterClient, ListOptions, ResourceType } from '../../src/cluster/cluster-client.js';
import { ClusterError } from '../../src/cluster/cluster-error.js';
import { ClusterUnreachableError } from '../../src/cluster/connection-errors.js';
import { cloneObject, getLabels, isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../../src/objects/kube-object.js';
import { formatRef, refOf, type ObjectRef } from '../../src/objects/object-ref.js';

export type Verb = 'discovery' | 'get' | 'list' | 'apply' | 'delete';

/** One request the fake answered (or refused), as a test reads it. */
export interface FakeCall {
  verb: Verb;
  group: string;
  kind: string;
  namespace?: string;
  /** Absent for a list; `refresh` for a discovery that reloads. */
  name?: string;
  /** apply and delete. */
  dryRun?: boolean;
  /** apply. */
  force?: boolean;
  fieldManager?: string;
  /** list. */
  labelSelector?: string;
}

/** Which calls a scripted failure hits; every field given must match. */
export interface CallMatcher {
  kind?: string;
  name?: string | RegExp;
  namespace?: string;
  dryRun?: boolean;
  force?: boolean;
}

export interface FakeClusterOptions {
  /** Resource types served from the start (default: BUILTIN_TYPES). */
  types?: readonly ResourceType[];
  /** Namespaces that exist from the start (default: `default`). */
  namespaces?: readonly string[];
  recordManagedFields?: boolean;
  /** A CRD reads Established from this read on (default 1: at once). */
  establishedOnRead?: number;
  serverVersion?: string;
}

interface ScriptedFailure {
  verb: Verb;
  match: CallMatcher;
  error: (call: FakeCall) => Error;
  remaining: number;
}

const type = (group: string, version: string, kind: string, plural: string, namespaced: boolean): ResourceType => ({
  group,
  version,
  kind,
  plural,
  namespaced,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
});

/** The kinds the tests use, as a v1.36 server serves them. */
export const BUILTIN_TYPES: readonly ResourceType[] = [
  type('', 'v1', 'Namespace', 'namespaces', false),
  type('', 'v1', 'Secret', 'secrets', true),
  type('', 'v1', 'ConfigMap', 'configmaps', true),
  type('', 'v1', 'Service', 'services', true),
  type('', 'v1', 'ServiceAccount', 'serviceaccounts', true),
  type('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true),
  type('apps', 'v1', 'Deployment', 'deployments', true),
  type('batch', 'v1', 'Job', 'jobs', true),
  type('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  type('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false),
  type('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false),
  type('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true),
  type('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true),
];

const NAMESPACE_TYPE = BUILTIN_TYPES[0]!;

export class FakeCluster implements ClusterClient {
  readonly calls: FakeCall[] = [];
  private served: ResourceType[];
  /** Kinds of CRDs applied for real, served after the next discovery refresh. */
  private definedByCrds: ResourceType[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly lingering = new Map<string, number>();
  private readonly crdReads = new Map<string, number>();
  private readonly failures: ScriptedFailure[] = [];
  private resourceVersion = 1;
  private readonly recordManagedFields: boolean;
  private readonly establishedOnRead: number;
  private readonly version: string;
  closed = false;

  constructor(options: FakeClusterOptions = {}) {
    this.served = [...(options.types ?? BUILTIN_TYPES)];
    this.recordManagedFields = options.recordManagedFields ?? true;
    this.establishedOnRead = options.establishedOnRead ?? 1;
    this.version = options.serverVersion ?? 'v1.36.0';
    for (const name of options.namespaces ?? ['default']) this.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  // ---- Test set-up -------------------------------------------------------------------------

  /** Stores objects as they are (no call recorded, no managedFields added): what the cluster holds before the test. */
  seed(...objects: KubeObject[]): this {
    for (const obj of objects) this.objects.set(this.keyOf(this.typeFor(obj), refOf(obj)), this.withServerMetadata(cloneObject(obj), undefined));
    return this;
  }

  /** Stores an object as if `fieldManager` had server-side applied it (managedFields included), without recording a call. */
  seedApplied(fieldManager: string, ...objects: KubeObject[]): this {
    for (const obj of objects) {
      const t = this.typeFor(obj);
      const key = this.keyOf(t, refOf(obj));
      this.objects.set(key, this.merged(this.objects.get(key), obj, fieldManager));
    }
    return this;
  }

  /** Serves another resource type (e.g. a CRD's kind that already exists on the cluster). */
  serve(...types: ResourceType[]): this {
    this.served.push(...types);
    return this;
  }

  /** The next `times` calls of `verb` matching `match` fail with `error(call)` (a fresh error each time, worded for the call). */
  failOn(verb: Verb, match: CallMatcher, error: (call: FakeCall) => Error, times = Number.POSITIVE_INFINITY): this {
    this.failures.push({ verb, match, error, remaining: times });
    return this;
  }

  /** The object survives its deletion for `reads` more reads (with a deletionTimestamp), then is gone. */
  lingerDeletion(ref: ObjectRef, reads: number): this {
    this.lingering.set(this.keyOf(this.typeForRef(ref), ref), reads);
    return this;
  }

  // ---- Assertions --------------------------------------------------------------------------

  /** The stored object (a copy), read without recording a call. */
  stored(ref: ObjectRef): KubeObject | undefined {
    const obj = this.objects.get(this.keyOf(this.typeForRef(ref), ref));
    return obj ? cloneObject(obj) : undefined;
  }

  /** Calls that change the cluster: applies and deletes that are not dry-runs. */
  writes(): FakeCall[] {
    return this.calls.filter((c) => (c.verb === 'apply' || c.verb === 'delete') && !c.dryRun);
  }

  /** Calls of one verb, optionally for one object (by kind and name). */
  callsOf(verb: Verb, match: CallMatcher = {}): FakeCall[] {
    return this.calls.filter((c) => c.verb === verb && matches(match, c));
  }

  // ---- The port ----------------------------------------------------------------------------

  async resourceTypes(refresh = false): Promise<ResourceType[]> {
    this.record({ verb: 'discovery', group: '', kind: '', ...(refresh ? { name: 'refresh' } : {}) });
    if (refresh) {
      this.served.push(...this.definedByCrds.filter((d) => !this.served.some((s) => sameType(s, d))));
      this.definedByCrds = [];
    }
    return this.served.map((t) => ({ ...t, verbs: [...t.verbs] }));
  }

  async get(t: ResourceType, ref: ObjectRef): Promise<KubeObject | undefined> {
    this.record({ verb: 'get', group: t.group, kind: t.kind, ...scope(t, ref), name: ref.name });
    const key = this.keyOf(t, ref);
    const obj = this.objects.get(key);
    if (!obj) return undefined;
    const left = this.lingering.get(key);
    if (left !== undefined && obj.metadata.deletionTimestamp !== undefined) {
      if (left <= 0) {
        this.objects.delete(key);
        this.lingering.delete(key);
        return undefined;
      }
      this.lingering.set(key, left - 1);
    }
    if (t.kind === 'CustomResourceDefinition') this.countCrdRead(key, obj);
    return cloneObject(obj);
  }

  async list(t: ResourceType, options: ListOptions = {}): Promise<KubeObject[]> {
    this.record({
      verb: 'list',
      group: t.group,
      kind: t.kind,
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
    });
    const selects = labelSelector(options.labelSelector);
    const fields = fieldSelector(options.fieldSelector);
    const prefix = `${t.group}/${t.plural}/`;
    return [...this.objects.entries()]
      .filter(([key, obj]) => key.startsWith(prefix) && (!options.namespace || !t.namespaced || obj.metadata.namespace === options.namespace))
      .map(([, obj]) => obj)
      .filter((obj) => selects(getLabels(obj)) && fields(obj))
      .map((obj) => cloneObject(obj));
  }

  async apply(t: ResourceType, obj: KubeObject, options: ApplyOptions): Promise<ApplyResult> {
    const ref = refOf(obj);
    this.record({
      verb: 'apply',
      group: t.group,
      kind: t.kind,
      ...scope(t, ref),
      name: ref.name,
      dryRun: options.dryRun,
      force: options.force,
      fieldManager: options.fieldManager,
    });
    if (t.namespaced && ref.namespace && !this.objects.has(this.keyOf(NAMESPACE_TYPE, { name: ref.namespace }))) {
      throw new ClusterError(`namespaces "${ref.namespace}" not found`, 404, 'NotFound');
    }
    const key = this.keyOf(t, ref);
    const existing = this.objects.get(key);
    const result = this.merged(existing, obj, options.fieldManager);
    if (!options.dryRun) {
      this.objects.set(key, result);
      if (t.kind === 'CustomResourceDefinition') this.defineKinds(result);
    }
    return { object: cloneObject(result), created: existing === undefined, warnings: [] };
  }

  async delete(t: ResourceType, ref: ObjectRef, options: { dryRun?: boolean } = {}): Promise<void> {
    this.record({ verb: 'delete', group: t.group, kind: t.kind, ...scope(t, ref), name: ref.name, dryRun: options.dryRun ?? false });
    if (options.dryRun) return;
    const key = this.keyOf(t, ref);
    const obj = this.objects.get(key);
    if (!obj) return;
    if (this.lingering.has(key)) obj.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    else this.objects.delete(key);
  }

  async serverVersion(): Promise<string> {
    return this.version;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  // ---- Internals ---------------------------------------------------------------------------

  private record(call: FakeCall): void {
    this.calls.push(call);
    const failure = this.failures.find((f) => f.verb === call.verb && f.remaining > 0 && matches(f.match, call));
    if (!failure) return;
    failure.remaining -= 1;
    throw failure.error(call);
  }

  private merged(existing: KubeObject | undefined, applied: KubeObject, fieldManager: string): KubeObject {
    const base: KubeObject = existing
      ? cloneObject(existing)
      : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: { name: applied.metadata.name } };
    const { managedFields: _ignored, ...appliedMetadata } = applied.metadata;
    const out = mergeInto(base, { ...cloneObject(applied), metadata: { ...cloneObject(appliedMetadata), name: applied.metadata.name } });
    if (!isKubeObject(out)) throw new Error('merge lost the object shape');
    out.apiVersion = applied.apiVersion;
    if (this.recordManagedFields) {
      const others = (Array.isArray(out.metadata.managedFields) ? out.metadata.managedFields : []).filter(
        (e) => !(isJsonObject(e) && e.manager === fieldManager && e.operation === 'Apply'),
      );
      out.metadata.managedFields = [
        ...others,
        {
          manager: fieldManager,
          operation: 'Apply',
          apiVersion: applied.apiVersion,
          time: '2026-01-01T00:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: fieldsOf(applied),
        },
      ];
    }
    return this.withServerMetadata(out, existing);
  }

  private withServerMetadata(obj: KubeObject, existing: KubeObject | undefined): KubeObject {
    obj.metadata.uid = typeof existing?.metadata.uid === 'string' ? existing.metadata.uid : `uid-${obj.metadata.name}`;
    obj.metadata.creationTimestamp = typeof existing?.metadata.creationTimestamp === 'string' ? existing.metadata.creationTimestamp : '2026-01-01T00:00:00Z';
    this.resourceVersion += 1;
    obj.metadata.resourceVersion = String(this.resourceVersion);
    return obj;
  }

  private defineKinds(crd: KubeObject): void {
    const spec = isJsonObject(crd.spec) ? crd.spec : {};
    const names = isJsonObject(spec.names) ? spec.names : {};
    if (typeof spec.group !== 'string' || typeof names.kind !== 'string' || typeof names.plural !== 'string') return;
    const versions = (Array.isArray(spec.versions) ? spec.versions : []).filter(isJsonObject).filter((v) => v.served !== false);
    for (const v of versions) {
      if (typeof v.name === 'string') this.definedByCrds.push(type(spec.group, v.name, names.kind, names.plural, spec.scope !== 'Cluster'));
    }
  }

  private countCrdRead(key: string, crd: KubeObject): void {
    const reads = (this.crdReads.get(key) ?? 0) + 1;
    this.crdReads.set(key, reads);
    if (reads < this.establishedOnRead) return;
    crd.status = {
      conditions: [
        { type: 'NamesAccepted', status: 'True' },
        { type: 'Established', status: 'True' },
      ],
    };
  }

  private typeFor(obj: KubeObject): ResourceType {
    return this.typeForRef(refOf(obj));
  }

  private typeForRef(ref: ObjectRef): ResourceType {
    const found = [...this.served, ...this.definedByCrds].find((t) => t.group === ref.group && t.kind === ref.kind);
    if (!found) throw new Error(`the fake cluster serves no ${ref.kind} in group '${ref.group}'`);
    return found;
  }

  private keyOf(t: ResourceType, ref: Pick<ObjectRef, 'namespace' | 'name'>): string {
    return `${t.group}/${t.plural}/${t.namespaced ? (ref.namespace ?? '') : ''}/${ref.name}`;
  }
}

// ---- Errors as the API server words them -----------------------------------------------------

/** 409 Conflict of a server-side apply: each of `fields` is owned by `manager`. */
export function conflictError(manager: string, ...fields: string[]): (call: FakeCall) => ClusterError {
  return () =>
    new ClusterError(
      `Apply failed with ${fields.length} conflict(s): ${fields.map((f) => `conflict with "${manager}" using v1: ${f}`).join(', ')}`,
      409,
      'Conflict',
      fields.map((field) => ({ field, message: `conflict with "${manager}" using v1`, reason: 'FieldManagerConflict' })),
    );
}

/** 422 Invalid: `field` is immutable (worded with the requested kind and name). */
export function immutableError(field: string): (call: FakeCall) => ClusterError {
  return (call) =>
    new ClusterError(
      `${call.kind}.${call.group || 'core'} "${call.name ?? ''}" is invalid: ${field}: Invalid value: "...": field is immutable`,
      422,
      'Invalid',
      [{ field, message: 'Invalid value: "...": field is immutable', reason: 'FieldValueInvalid' }],
    );
}

/** 422 Invalid for another reason than immutability: the server names the object it was asked for. */
export function invalidError(field: string, message: string): (call: FakeCall) => ClusterError {
  return (call) =>
    new ClusterError(`${call.kind} "${call.name ?? ''}" is invalid: ${field}: ${message}`, 422, 'Invalid', [
      { field, message: `${message} (in ${call.name ?? ''})`, reason: 'FieldValueInvalid' },
    ]);
}

export function forbiddenError(): (call: FakeCall) => ClusterError {
  return (call) => new ClusterError(`${call.kind.toLowerCase()}s "${call.name ?? ''}" is forbidden: User "ci" cannot ${call.verb} resource`, 403, 'Forbidden');
}

export function unreachableError(): (call: FakeCall) => ClusterUnreachableError {
  return () => new ClusterUnreachableError('connect ECONNREFUSED 127.0.0.1:6443', 'ECONNREFUSED');
}

/** `Kind/ns/name` of a recorded call, for readable assertions on call order. */
export function describeCall(call: FakeCall): string {
  if (call.verb === 'discovery') return call.name === 'refresh' ? 'discovery (refresh)' : 'discovery';
  const ref: ObjectRef = { group: call.group, version: '', kind: call.kind, name: call.name ?? '*', ...(call.namespace ? { namespace: call.namespace } : {}) };
  return `${call.verb}${call.dryRun ? ' (dry-run)' : ''} ${formatRef(ref)}`;
}

// ---- Helpers ---------------------------------------------------------------------------------

function scope(t: ResourceType, ref: ObjectRef): { namespace?: string } {
  return t.namespaced && ref.namespace ? { namespace: ref.namespace } : {};
}

function sameType(a: ResourceType, b: ResourceType): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

function matches(m: CallMatcher, call: FakeCall): boolean {
  if (m.kind !== undefined && m.kind !== call.kind) return false;
  if (m.namespace !== undefined && m.namespace !== call.namespace) return false;
  if (m.dryRun !== undefined && m.dryRun !== (call.dryRun ?? false)) return false;
  if (m.force !== undefined && m.force !== (call.force ?? false)) return false;
  if (m.name === undefined) return true;
  if (call.name === undefined) return false;
  return typeof m.name === 'string' ? m.name === call.name : m.name.test(call.name);
}

function isKubeObject(value: JsonValue): value is KubeObject {
  return (
    isJsonObject(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isJsonObject(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

/** Maps merged key by key (recursively), everything else replaced; `base` is modified and returned. */
function mergeInto(base: JsonValue, applied: JsonValue): JsonValue {
  if (!isJsonObject(base) || !isJsonObject(applied)) return cloneObject(applied);
  for (const [k, v] of Object.entries(applied)) {
    const current = base[k];
    base[k] = current === undefined ? cloneObject(v) : mergeInto(current, v);
  }
  return base;
}

/** The FieldsV1 set of an applied object: `f:` per map key, every list and scalar a leaf (`{}`). */
function fieldsOf(applied: KubeObject): JsonObject {
  const { apiVersion: _a, kind: _k, metadata, ...body } = applied;
  const { name: _n, namespace: _ns, managedFields: _m, ...meta } = metadata;
  const fields = fieldSet(body);
  if (Object.keys(meta).length > 0) fields['f:metadata'] = fieldSet(meta);
  return fields;
}

function fieldSet(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[`f:${k}`] = isJsonObject(v) && Object.keys(v).length > 0 ? fieldSet(v) : {};
  return out;
}

type Selector = (labels: Record<string, string>) => boolean;

/** `a=b,c!=d,e,!f` (and `a==b`); set-based terms (`in`, `notin`) are not supported and throw. */
function labelSelector(text: string | undefined): Selector {
  const terms = (text ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const tests = terms.map((term): Selector => {
    if (/\s(in|notin)\s/.test(term)) throw new Error(`the fake cluster does not support the set-based selector ${term}`);
    const ne = term.split('!=');
    if (ne.length === 2) return (l) => l[ne[0]!] !== ne[1];
    const eq = term.split(/==?/);
    if (eq.length === 2) return (l) => l[eq[0]!] === eq[1];
    if (term.startsWith('!')) return (l) => !(term.slice(1) in l);
    return (l) => term in l;
  });
  return (labels) => tests.every((t) => t(labels));
}

function fieldSelector(text: string | undefined): (obj: KubeObject) => boolean {
  const terms = (text ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => t.split('='));
  return (obj) =>
    terms.every(([path, value]) => {
      let at: JsonValue | undefined = obj;
      for (const part of (path ?? '').split('.')) at = isJsonObject(at) ? at[part] : undefined;
      return at === value;
    });
}
