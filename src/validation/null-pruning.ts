// The API server replaces a null in an object field that is not `nullable` but has a `default`
// with that default before it validates a custom resource, so such a null is no error (without a
// default it is one: `must be of type string`). This drops such nulls from a copy of the object,
// guided by the CRD's own (untranslated) schema, so the validator does not report them.
import { isJsonObject, type JsonObject, type JsonValue } from '../objects/kube-object.js';

export function dropDefaultedNulls(value: JsonValue, schema: JsonObject): void {
  if (Array.isArray(value)) {
    if (isJsonObject(schema.items)) for (const item of value) dropDefaultedNulls(item, schema.items);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childSchema = fieldSchema(schema, key);
    if (!childSchema) continue;
    if (child === null && childSchema.nullable !== true && childSchema.default !== undefined) delete value[key];
    else dropDefaultedNulls(child, childSchema);
  }
}

function fieldSchema(schema: JsonObject, key: string): JsonObject | undefined {
  const declared = isJsonObject(schema.properties) ? schema.properties[key] : undefined;
  if (isJsonObject(declared)) return declared;
  return isJsonObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
}
