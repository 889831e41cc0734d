// Validates custom resources against the CustomResourceDefinitions of the same change, before the
// CRDs exist on the server (which therefore cannot dry-run them). Each CRD version's schema is
// translated (crd-schema.ts) and compiled once, on first use. The only file that imports ajv, and
// only when a set holds a CRD: ajv is among the largest modules of the bundle, and most runs have none.
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { cloneObject, isJsonObject, type JsonObject, type KubeObject } from '../objects/kube-object.js';
import { splitApiVersion } from '../objects/object-ref.js';
import { dropDefaultedNulls } from './null-pruning.js';
import { translateCrdSchema } from './crd-schema.js';

export interface SchemaVerdict {
  /** The CRD that defines the kind, by name (`widgets.example.com`). */
  crdName: string;
  /** One line per failure: `.spec.replicas: must be integer`. Empty when valid. */
  errors: string[];
  /** Checks of the CRD that could not run here (CEL rules, formats...). */
  unchecked: string[];
}

interface CrdVersion {
  crdName: string;
  served: boolean;
  schema?: JsonObject;
}

interface Compiled {
  validate: ValidateFunction;
  source: JsonObject;
  unchecked: string[];
}

export class CrdSchemaValidator {
  private readonly versions = new Map<string, CrdVersion>();
  private readonly compiled = new Map<string, Compiled>();

  /** The validator of `crds` (the CRDs among a set's manifests); ajv is loaded only when there is one. */
  static async of(crds: readonly KubeObject[]): Promise<CrdSchemaValidator> {
    if (crds.length === 0) return new CrdSchemaValidator([], undefined);
    const { Ajv: AjvClass } = await import('ajv');
    const ajv = new AjvClass({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, validateFormats: false, verbose: true });
    ajv.addKeyword({ keyword: 'uniqueListMapKeys', type: 'array', schemaType: 'array', errors: true, validate: hasUniqueKeys });
    return new CrdSchemaValidator(crds, ajv);
  }

  /** `ajv` is undefined only without CRDs: then no version is known and nothing is ever compiled. */
  private constructor(
    crds: readonly KubeObject[],
    private readonly ajv: Ajv | undefined,
  ) {
    for (const crd of crds) this.register(crd);
  }

  /** The verdict for an object of a kind these CRDs define; undefined when none defines it. */
  validate(object: KubeObject): SchemaVerdict | undefined {
    const key = gvkOf(object);
    const version = this.versions.get(key);
    if (!version) return undefined;
    const { crdName } = version;
    if (!version.served) return { crdName, errors: [`${object.apiVersion} is not served by the CustomResourceDefinition ${crdName}`], unchecked: [] };
    if (!version.schema) return { crdName, errors: [], unchecked: ['the CustomResourceDefinition has no schema for this version'] };
    const compiled = this.compile(key, version.schema);
    const instance = cloneObject(object);
    dropDefaultedNulls(instance, compiled.source);
    if (compiled.validate(instance)) return { crdName, errors: [], unchecked: compiled.unchecked };
    return { crdName, errors: [...new Set((compiled.validate.errors ?? []).flatMap(describeError))], unchecked: compiled.unchecked };
  }

  /** How many CRD versions have been compiled so far (each at most once). */
  get compiledCount(): number {
    return this.compiled.size;
  }

  private register(crd: KubeObject): void {
    const spec = crd.spec;
    if (!isJsonObject(spec) || typeof spec.group !== 'string' || !isJsonObject(spec.names) || typeof spec.names.kind !== 'string') return;
    for (const v of Array.isArray(spec.versions) ? spec.versions : []) {
      if (!isJsonObject(v) || typeof v.name !== 'string') continue;
      const schema = isJsonObject(v.schema) && isJsonObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
      this.versions.set(`${spec.group}/${v.name}/${spec.names.kind}`, {
        crdName: crd.metadata.name,
        served: v.served !== false,
        ...(schema ? { schema } : {}),
      });
    }
  }

  private compile(key: string, source: JsonObject): Compiled {
    const cached = this.compiled.get(key);
    if (cached) return cached;
    if (!this.ajv) throw new Error(`CrdSchemaValidator: ${key} has a schema but no CRD was given`);
    const { schema, unchecked } = translateCrdSchema(source);
    const compiled = { validate: this.ajv.compile(schema), source, unchecked };
    this.compiled.set(key, compiled);
    return compiled;
  }
}

function gvkOf(object: KubeObject): string {
  const { group, version } = splitApiVersion(object.apiVersion);
  return `${group}/${version}/${object.kind}`;
}

/** `x-kubernetes-list-type: map`: no two items share the values of the list's map keys. */
function hasUniqueKeys(keys: string[], data: unknown[]): boolean {
  const seen = new Set<string>();
  for (const item of data) {
    if (!isJsonObject(item)) continue;
    const id = JSON.stringify(keys.map((k) => item[k] ?? null));
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

/** An ajv error as the API server words its field errors: `.spec.replicas: must be integer`. */
function describeError(error: ErrorObject): string[] {
  const path = fieldPath(error.instancePath);
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return [`${path}.${String(params.additionalProperty)}: unknown field`];
    case 'required':
      return [`${path}.${String(params.missingProperty)}: Required value`];
    case 'type':
      return [`${path || '.'}: must be ${String(params.type).split(',').join(' or ')}`];
    case 'enum':
      return [`${path || '.'}: must be one of ${(Array.isArray(params.allowedValues) ? params.allowedValues : []).map((v) => JSON.stringify(v)).join(', ')}`];
    case 'uniqueListMapKeys':
      return [`${path || '.'}: two items have the same ${(Array.isArray(error.schema) ? error.schema : []).join(', ')}`];
    case 'anyOf':
    case 'oneOf':
      return [];
    default:
      return [`${path || '.'}: ${error.message ?? error.keyword}`];
  }
}

/** JSON pointer `/spec/ports/0/name` → `.spec.ports[0].name`. */
function fieldPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('');
}
