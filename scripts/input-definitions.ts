// src/settings/input-definitions.ts, generated from action.yml (by `npm run docs`; checked by
// test/unit/settings/input-definitions.test.ts): the one list of inputs that the CLI's flags and help read.
import type { ActionYaml } from './action-reference.js';

export const INPUT_DEFINITIONS_FILE = 'src/settings/input-definitions.ts';

export function renderInputDefinitions(action: ActionYaml): string {
  const entries = Object.entries(action.inputs).map(
    ([name, input]) =>
      `  { name: ${JSON.stringify(name)}, default: ${JSON.stringify(input.default ?? '')}, description: ${JSON.stringify(input.description)} },`,
  );
  return [
    '// Generated from action.yml by `npm run docs`; do not edit (test/unit/settings/input-definitions.test.ts checks it).',
    '',
    '/** One input of action.yml: its name, its default as written there, and its description. */',
    'export interface InputDefinition {',
    '  name: string;',
    '  default: string;',
    '  description: string;',
    '}',
    '',
    'export const INPUT_DEFINITIONS: readonly InputDefinition[] = [',
    ...entries,
    '];',
    '',
  ].join('\n');
}
