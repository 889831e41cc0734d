// The README's input and output tables, generated from action.yml (kept in sync by `npm run docs`
// and checked by test/unit/readme.test.ts).
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

interface ActionYaml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
}

export const START = '<!-- start action-reference (generated from action.yml by `npm run docs`) -->';
export const END = '<!-- end action-reference -->';

export function readActionYaml(file: string): ActionYaml {
  return load(readFileSync(file, 'utf8')) as ActionYaml;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderReference(action: ActionYaml): string {
  const lines = ['### Inputs', '', '| input | default | meaning |', '| --- | --- | --- |'];
  for (const [name, input] of Object.entries(action.inputs)) {
    lines.push(`| \`${name}\` | ${input.default ? `\`${cell(input.default)}\`` : '(empty)'} | ${cell(input.description)} |`);
  }
  lines.push('', '### Outputs', '', '| output | meaning |', '| --- | --- |');
  for (const [name, output] of Object.entries(action.outputs)) lines.push(`| \`${name}\` | ${cell(output.description)} |`);
  return [START, ...lines, END].join('\n');
}

export function replaceReference(readme: string, reference: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error('README.md lacks the action-reference markers');
  return readme.slice(0, start) + reference + readme.slice(end + END.length);
}
