// One field of a targets file entry → the text its input would hold, or a message saying what the
// field must be. Only the YAML type is checked here (a list, a boolean, a number, a string); what the
// text means is checked by the inputs' own parser (input-settings.ts), once for steps and files.
// The file-only fields (environment, kubeconfig-secret, ring) have no input: they are checked here.
import { FIELD_TYPES, FILE_FIELDS, MATRIX_NAME_PATTERN, SECRET_NAME_PATTERN, type FieldType } from './target-fields.js';

export type FieldReading = { text: string; raw: string | number | boolean } | { problem: string };

export function readFieldValue(field: string, value: unknown): FieldReading {
  if (value === null || value === undefined) return { problem: `field '${field}' has no value` };
  const type: FieldType = FIELD_TYPES[field] ?? 'string';
  const reading = byType(type, value);
  if ('problem' in reading) return { problem: `field '${field}' ${reading.problem}` };
  const fileOnly = fileFieldProblem(field, reading.text);
  return fileOnly ? { problem: `field '${field}' ${fileOnly}` } : reading;
}

function byType(type: FieldType, value: unknown): FieldReading {
  switch (type) {
    case 'list':
      return listText(value);
    case 'boolean':
      return typeof value === 'boolean' || typeof value === 'string'
        ? { text: String(value), raw: value }
        : { problem: `must be true or false; got ${describe(value)}` };
    case 'count':
    case 'duration':
      return typeof value === 'number' || typeof value === 'string'
        ? { text: String(value), raw: value }
        : { problem: `must be a number or a string; got ${describe(value)}` };
    case 'ring':
      return (typeof value === 'number' && Number.isInteger(value) && value >= 0) || typeof value === 'string'
        ? { text: String(value), raw: value }
        : { problem: `must be a whole number from 0 or a name; got ${describe(value)}` };
    case 'string':
      return typeof value === 'string' ? { text: value, raw: value } : { problem: `must be a string; got ${describe(value)}` };
  }
}

/** A YAML list of strings, or one string with an entry per line (as the input is written). */
function listText(value: unknown): FieldReading {
  if (typeof value === 'string') return { text: value, raw: value };
  if (!Array.isArray(value)) return { problem: `must be a list of strings (or one string, an entry per line); got ${describe(value)}` };
  const items: unknown[] = value;
  const bad = items.findIndex((v) => typeof v !== 'string' || v.trim() === '' || /[\r\n]/.test(v));
  if (bad >= 0) return { problem: `must be a list of non-empty one-line strings; item ${bad + 1} is ${describe(items[bad])}` };
  return { text: items.join('\n'), raw: items.join('\n') };
}

/** What a file-only field must be, beyond its type. */
function fileFieldProblem(field: string, text: string): string | undefined {
  if (field === FILE_FIELDS.KubeconfigSecret && !SECRET_NAME_PATTERN.test(text))
    return `must be the name of a GitHub secret (letters, digits and '_', not starting with a digit or GITHUB_), such as KUBECONFIG_PRODUCTION; got ${quoted(text)}`;
  if ((field === FILE_FIELDS.Environment || field === FILE_FIELDS.Ring) && !MATRIX_NAME_PATTERN.test(text))
    return `must be a name of letters, digits, spaces, '.', '_' and '-' (at most 255, starting with a letter or digit): it goes into the workflow's matrix; got ${quoted(text)}`;
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

/** A value for a message: JSON-quoted (newlines and control characters escaped), cut at 80 characters. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
