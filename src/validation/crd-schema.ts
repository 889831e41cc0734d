// Turns a CRD version's openAPIV3Schema (a Kubernetes structural schema) into a draft-07 JSON
// Schema that rejects what the API server rejects under Strict field validation:
// - unknown fields: an object node with `properties` accepts no others (what `additionalProperties`
//   allows, for a map), unless it sets `x-kubernetes-preserve-unknown-fields: true`; a node that
//   declares neither has its fields dropped by server-side apply, without an error, so any pass;
// - `x-kubernetes-int-or-string`: an integer or a string;
// - `x-kubernetes-embedded-resource`: `apiVersion` and `kind` are required strings, `metadata` is allowed;
// - `nullable`: null is accepted (elsewhere a null is an error, unless a default replaces it: null-pruning.ts);
// - the custom resource's own `apiVersion`, `kind` and `metadata` are left to the server.
// Only keywords listed here are carried over, so the result never holds a keyword the validator
// does not know. What cannot be checked here (CEL rules, formats, patterns JavaScript cannot
// compile) is returned as `unchecked`, for the plan to say so.
import { isJsonObject, type JsonObject, type JsonValue } from '../objects/kube-object.js';

export interface TranslatedSchema {
  schema: JsonObject;
  /** Checks of the CRD that this schema leaves out, in words, e.g. `format date-time`. */
  unchecked: string[];
}

/** Constraint keywords whose meaning is the same in the CRD schema and in draft-07. */
const SAME_KEYWORDS = ['maxLength', 'minLength', 'maxItems', 'minItems', 'multipleOf', 'maxProperties', 'minProperties', 'required', 'enum'];

const ROOT_FIELDS: JsonObject = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };

interface Position {
  /** The custom resource itself: its apiVersion, kind and metadata are the server's to check. */
  root: boolean;
  /** Inside allOf/anyOf/oneOf/not: structural schemas declare no types or fields there. */
  junctor: boolean;
}

export function translateCrdSchema(openApiV3Schema: JsonObject): TranslatedSchema {
  const unchecked = new Set<string>();
  const schema = translate(openApiV3Schema, { root: true, junctor: false }, unchecked);
  return { schema, unchecked: [...unchecked].sort() };
}

function translate(node: JsonObject, at: Position, unchecked: Set<string>): JsonObject {
  const out: JsonObject = {};
  const type = typeOf(node);
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  if (type) out.type = node.nullable === true ? [...type, 'null'] : type;
  copyConstraints(node, out, unchecked);
  if (Array.isArray(out.enum) && node.nullable === true) out.enum = [...out.enum, null];
  if (isJsonObject(node.items)) out.items = translate(node.items, { root: false, junctor: at.junctor }, unchecked);
  if (node['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  if (node['x-kubernetes-list-type'] === 'map' && Array.isArray(node['x-kubernetes-list-map-keys'])) out.uniqueListMapKeys = node['x-kubernetes-list-map-keys'];
  if (Array.isArray(node['x-kubernetes-validations']) && node['x-kubernetes-validations'].length > 0)
    unchecked.add('CEL validation rules (x-kubernetes-validations)');
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[junctor];
    if (!Array.isArray(list)) continue;
    const branches = list
      .filter(isJsonObject)
      .map((s) => translate(s, { root: false, junctor: true }, unchecked))
      .filter((b) => !(intOrString && isTypeOnly(b)));
    if (branches.length > 0) out[junctor] = branches;
  }
  if (isJsonObject(node.not)) out.not = translate(node.not, { root: false, junctor: true }, unchecked);
  if (isObjectNode(node, type)) Object.assign(out, objectKeywords(node, at, unchecked));
  return out;
}

/** The JSON types a node accepts; undefined when it does not say (junctors, preserved nodes). */
function typeOf(node: JsonObject): string[] | undefined {
  if (node['x-kubernetes-int-or-string'] === true) return ['integer', 'string'];
  return typeof node.type === 'string' ? [node.type] : undefined;
}

/** `anyOf: [{type: integer}, {type: string}]` beside int-or-string repeats it: left out, for one clear error. */
function isTypeOnly(schema: JsonObject): boolean {
  return Object.keys(schema).every((k) => k === 'type');
}

function isObjectNode(node: JsonObject, type: string[] | undefined): boolean {
  return type?.includes('object') === true || isJsonObject(node.properties) || node.additionalProperties !== undefined;
}

function copyConstraints(node: JsonObject, out: JsonObject, unchecked: Set<string>): void {
  for (const key of SAME_KEYWORDS) {
    const value = node[key];
    if (value !== undefined) out[key] = value;
  }
  copyBound(node, out, 'maximum', 'exclusiveMaximum');
  copyBound(node, out, 'minimum', 'exclusiveMinimum');
  if (typeof node.pattern === 'string') {
    if (compiles(node.pattern)) out.pattern = node.pattern;
    else unchecked.add(`pattern ${node.pattern}`);
  }
  if (typeof node.format === 'string' && !IGNORED_FORMATS.has(node.format)) unchecked.add(`format ${node.format}`);
}

/** Formats the API server accepts without checking (number widths, free text). */
const IGNORED_FORMATS = new Set(['int32', 'int64', 'float', 'double', 'password', 'string']);

/** OpenAPI v3.0 spells an exclusive bound as a boolean beside it; draft-07 as the bound itself. */
function copyBound(node: JsonObject, out: JsonObject, bound: 'maximum' | 'minimum', exclusive: 'exclusiveMaximum' | 'exclusiveMinimum'): void {
  const value = node[bound];
  if (typeof value !== 'number') return;
  out[node[exclusive] === true ? exclusive : bound] = value;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function objectKeywords(node: JsonObject, at: Position, unchecked: Set<string>): JsonObject {
  const out: JsonObject = {};
  const properties: JsonObject = {};
  if (isJsonObject(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      if (isJsonObject(child)) properties[name] = translate(child, { root: false, junctor: at.junctor }, unchecked);
    }
  }
  const embedded = node['x-kubernetes-embedded-resource'] === true;
  if (at.root) Object.assign(properties, ROOT_FIELDS);
  if (embedded) {
    Object.assign(properties, { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } });
    out.required = [...new Set([...stringList(node.required), 'apiVersion', 'kind'])];
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  // Unknown fields are decided by the node that declares the fields, never inside a junctor.
  if (at.junctor || node['x-kubernetes-preserve-unknown-fields'] === true) return out;
  const additional: JsonValue | undefined = node.additionalProperties;
  if (isJsonObject(additional)) out.additionalProperties = translate(additional, { root: false, junctor: false }, unchecked);
  else if (additional === false || (additional === undefined && out.properties !== undefined)) out.additionalProperties = false;
  return out;
}

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
