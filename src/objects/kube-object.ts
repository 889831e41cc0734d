/** JSON as the API server sends and receives it: no Dates, no class instances. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface ObjectMeta extends JsonObject {
  name: string;
}

/**
 * A Kubernetes object as plain JSON. Manifests become KubeObjects once the loader has
 * checked apiVersion, kind and metadata.name; cluster reads are returned in the same shape.
 */
export interface KubeObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy that keeps exactly the JSON the object holds. */
export function cloneObject<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

export function getNamespace(obj: KubeObject): string | undefined {
  const ns = obj.metadata.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

export function getLabels(obj: KubeObject): Record<string, string> {
  return stringMap(obj.metadata.labels);
}

export function getAnnotations(obj: KubeObject): Record<string, string> {
  return stringMap(obj.metadata.annotations);
}

/** One annotation's value when it is a string (getAnnotations(obj)[key] without copying the map). */
export function getAnnotation(obj: KubeObject, key: string): string | undefined {
  const annotations = obj.metadata.annotations;
  if (!isJsonObject(annotations) || !Object.hasOwn(annotations, key)) return undefined;
  const value = annotations[key];
  return typeof value === 'string' ? value : undefined;
}

function stringMap(value: JsonValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
