// kube-gitops.schema.json, the JSON Schema of a targets file, generated from action.yml (the inputs'
// descriptions and defaults) and src/settings/target-fields.ts (which fields, of which types) by
// `npm run docs`; test/unit/settings/targets-schema.test.ts checks the committed file is current.
import { NAME_PATTERN } from '../src/settings/input-settings.js';
import { Inputs } from '../src/model/inputs-outputs.js';
import {
  FIELD_TYPES,
  FILE_FIELD_DESCRIPTIONS,
  FILE_FIELDS,
  MATRIX_NAME_PATTERN,
  SECRET_NAME_PATTERN,
  TARGET_INPUTS,
  type FieldType,
} from '../src/settings/target-fields.js';
import type { ActionYaml } from './action-reference.js';

export const TARGETS_SCHEMA_FILE = 'kube-gitops.schema.json';

type JsonSchema = Record<string, unknown>;

const BOOLEAN_WORDS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'];

const BY_TYPE: Record<FieldType, JsonSchema> = {
  list: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string', minLength: 1, pattern: '^[^\\r\\n]*$' } }] },
  boolean: { anyOf: [{ type: 'boolean' }, { type: 'string', enum: BOOLEAN_WORDS }] },
  count: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
  duration: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
  string: { type: 'string' },
  ring: {
    anyOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', pattern: MATRIX_NAME_PATTERN.source },
    ],
  },
};

const DNS_LABELS: ReadonlySet<string> = new Set([Inputs.Name, Inputs.Namespace, Inputs.InventoryNamespace]);

function fieldSchema(action: ActionYaml, field: string): JsonSchema {
  const type = FIELD_TYPES[field] ?? 'string';
  const input = action.inputs[field];
  // A file-only field keeps its own description, even when an input has its name (`environment`).
  const fileOnly = (Object.values(FILE_FIELDS) as string[]).includes(field);
  const description = fileOnly ? FILE_FIELD_DESCRIPTIONS[field as keyof typeof FILE_FIELD_DESCRIPTIONS] : input?.description;
  const schema: JsonSchema = { description, ...BY_TYPE[type] };
  if (DNS_LABELS.has(field)) Object.assign(schema, { pattern: NAME_PATTERN.source, maxLength: 63 });
  if (field === FILE_FIELDS.KubeconfigSecret) schema.pattern = SECRET_NAME_PATTERN.source;
  if (field === FILE_FIELDS.Environment) Object.assign(schema, { pattern: MATRIX_NAME_PATTERN.source });
  const fallback = input?.default;
  if (fallback && field !== Inputs.Name) schema.default = typed(type, fallback);
  return schema;
}

function typed(type: FieldType, value: string): string | number | boolean {
  if (type === 'boolean') return value === 'true';
  if (type === 'count') return Number(value);
  return value;
}

function targetSchema(action: ActionYaml, withName: boolean, description: string): JsonSchema {
  const fields = [...TARGET_INPUTS, ...Object.values(FILE_FIELDS)].filter((f) => withName || f !== Inputs.Name);
  return {
    description,
    type: 'object',
    additionalProperties: false,
    ...(withName ? { required: [Inputs.Name] } : {}),
    properties: Object.fromEntries(fields.map((f) => [f, fieldSchema(action, f)])),
  };
}

export function renderTargetsSchema(action: ActionYaml): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kube-gitops targets file',
    description: `Generated from action.yml by \`npm run docs\`; do not edit. ${action.inputs[Inputs.TargetsFile]?.description ?? ''}`,
    type: 'object',
    additionalProperties: false,
    required: ['targets'],
    properties: {
      defaults: { $ref: '#/definitions/defaults' },
      targets: { description: 'The targets, in order: each one job of the matrix.', type: 'array', minItems: 1, items: { $ref: '#/definitions/target' } },
    },
    definitions: {
      target: targetSchema(action, true, "One target: the action's per-target inputs under their own names, and the fields only a file has."),
      defaults: targetSchema(action, false, "Fields applied to every target that does not set them (any target field but 'name')."),
    },
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
