// A targets file (kube-gitops.yaml) → its entries and defaults, each field with its line, checked for
// shape: one YAML mapping with a non-empty `targets:` list of mappings, an optional `defaults:`
// mapping, only the fields of target-fields.ts, each of its type, every entry named once. Every
// refusal is `file:line: …` naming the field. YAML aliases are held to the loader's limits.
import { ConfigurationError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import { formatProblem } from '../model/problem.js';
import { parseDocuments } from '../load/yaml-documents.js';
import { DEFAULTS_FIELDS, ENTRY_FIELDS, SECRET_INPUTS } from './target-fields.js';
import { quoted, readFieldValue } from './target-field-values.js';
import { entryOf, lineTree, type LineNode } from './yaml-lines.js';

/** One field as written: the text its input would hold, the YAML value (a ring keeps its number), its line. */
export interface FieldValue {
  text: string;
  raw: string | number | boolean;
  line: number;
}

export interface TargetEntry {
  name: string;
  /** The line of the entry's first field. */
  line: number;
  fields: ReadonlyMap<string, FieldValue>;
}

export interface TargetsFile {
  /** Workspace-relative, as the input names it. */
  file: string;
  targets: TargetEntry[];
  defaults: ReadonlyMap<string, FieldValue>;
}

/** `file:line: message`, as a configuration error of the targets file. */
export function errorAt(file: string, line: number, message: string): ConfigurationError {
  return new ConfigurationError(`${file}:${line}: ${message}`, Inputs.TargetsFile);
}

export function parseTargetsFile(file: string, text: string): TargetsFile {
  const parsed = parseDocuments(file, text);
  const [problem] = parsed.problems;
  if (problem) throw new ConfigurationError(formatProblem(problem), Inputs.TargetsFile);
  const [doc, second] = parsed.documents;
  if (!doc) throw errorAt(file, 1, "the targets file is empty: declare a 'targets:' list");
  if (second) throw errorAt(file, second.line, 'a targets file holds one YAML document; this is a second one');
  const tree = lineTree(text);
  const root = doc.value;
  if (!isMapping(root)) throw errorAt(file, doc.line, "the targets file must be a mapping with a 'targets:' list (and optionally 'defaults:')");
  for (const key of Object.keys(root)) {
    if (key !== 'targets' && key !== 'defaults') throw errorAt(file, entryOf(tree, key)?.key.line ?? doc.line, topLevelProblem(key));
  }
  const defaultsAt = entryOf(tree, 'defaults');
  const defaults =
    root.defaults === undefined
      ? new Map<string, FieldValue>()
      : readFields(file, root.defaults, defaultsAt?.value, defaultsAt?.key.line ?? doc.line, 'defaults');
  const targetsAt = entryOf(tree, 'targets');
  const list = root.targets;
  const line = targetsAt?.key.line ?? doc.line;
  if (!Array.isArray(list)) throw errorAt(file, line, "'targets' must be a list of targets, each a mapping with at least a 'name'");
  const items: unknown[] = list;
  if (items.length === 0) throw errorAt(file, line, "'targets' lists no target: declare at least one, with at least a 'name'");
  const targets = items.map((item, i) => readEntry(file, item, targetsAt?.value.children[i], line));
  checkUniqueNames(file, targets);
  return { file, targets, defaults };
}

function readEntry(file: string, item: unknown, node: LineNode | undefined, listLine: number): TargetEntry {
  const line = node?.children[0]?.line ?? node?.line ?? listLine;
  const fields = readFields(file, item, node, line, 'entry');
  const name = fields.get(Inputs.Name);
  if (!name) throw errorAt(file, line, "a target needs a 'name' (a DNS label: it names the comment, the ApplySet and the matrix job)");
  return { name: name.text, line, fields };
}

function readFields(file: string, value: unknown, node: LineNode | undefined, line: number, where: 'entry' | 'defaults'): Map<string, FieldValue> {
  if (!isMapping(value))
    throw errorAt(file, node?.line ?? line, where === 'defaults' ? "'defaults' must be a mapping of fields" : 'a target must be a mapping of fields');
  const allowed = where === 'defaults' ? DEFAULTS_FIELDS : ENTRY_FIELDS;
  const fields = new Map<string, FieldValue>();
  for (const [key, v] of Object.entries(value)) {
    const at = entryOf(node, key);
    const keyLine = at?.key.line ?? node?.line ?? line;
    if (!allowed.includes(key)) throw errorAt(file, keyLine, unknownFieldProblem(key, where));
    const reading = readFieldValue(key, v);
    if ('problem' in reading) throw errorAt(file, at?.value.line ?? keyLine, reading.problem);
    fields.set(key, { ...reading, line: at?.value.line ?? keyLine });
  }
  return fields;
}

function checkUniqueNames(file: string, targets: readonly TargetEntry[]): void {
  const seen = new Map<string, TargetEntry>();
  for (const t of targets) {
    const first = seen.get(t.name);
    const line = t.fields.get(Inputs.Name)?.line ?? t.line;
    if (first)
      throw errorAt(
        file,
        line,
        `field 'name': target ${quoted(t.name)} is declared twice (first at line ${first.fields.get(Inputs.Name)?.line ?? first.line}): two targets of one name would share one inventory (the ApplySet kube-gitops-${t.name}) and one comment`,
      );
    seen.set(t.name, t);
  }
}

function unknownFieldProblem(key: string, where: 'entry' | 'defaults'): string {
  const field = `field ${quoted(key)}`;
  if (SECRET_INPUTS.has(key))
    return `${field} is a secret, and secrets never go in the targets file: name the GitHub secret that holds the kubeconfig with 'kubeconfig-secret' and pass secrets on the step`;
  if (where === 'defaults' && key === Inputs.Name) return "field 'name' cannot be a default: each target names itself";
  if ((Object.values(Inputs) as string[]).includes(key)) return `${field} holds for the whole run: give it on the step (with:), not per target`;
  return `unknown ${field}; a target takes ${(where === 'defaults' ? DEFAULTS_FIELDS : ENTRY_FIELDS).join(', ')}`;
}

function topLevelProblem(key: string): string {
  if (ENTRY_FIELDS.includes(key)) return `field ${quoted(key)} belongs to a target: put it in an entry of 'targets:' or under 'defaults:'`;
  if (SECRET_INPUTS.has(key) || (Object.values(Inputs) as string[]).includes(key)) return unknownFieldProblem(key, 'entry');
  return `unknown field ${quoted(key)}; a targets file has 'targets:' and 'defaults:'`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
