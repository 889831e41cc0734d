// The input and output tables of docs/reference.md, generated from action.yml, and the README's
// sample comment, taken from the demo's real plan comment (kept in sync by `npm run docs`, checked by
// test/unit/project/readme.test.ts).
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

export interface ActionYaml {
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
  const lines = ['## Inputs', '', '| input | default | meaning |', '| --- | --- | --- |'];
  for (const [name, input] of Object.entries(action.inputs)) {
    lines.push(`| \`${name}\` | ${input.default ? `\`${cell(input.default)}\`` : '(empty)'} | ${cell(input.description)} |`);
  }
  lines.push('', '## Outputs', '', '| output | meaning |', '| --- | --- |');
  for (const [name, output] of Object.entries(action.outputs)) lines.push(`| \`${name}\` | ${cell(output.description)} |`);
  return [START, ...lines, END].join('\n');
}

/** `text` with what lies between `start` and `end` (the markers included) replaced by `block`. */
export function replaceReference(text: string, block: string, start = START, end = END, page = 'docs/reference.md'): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${page} lacks the markers ${start} … ${end}`);
  return text.slice(0, from) + block + text.slice(to + end.length);
}

export const EXAMPLE_START = '<!-- start example-comment (demo/demo-comment.md, made by `npm run demo`; `npm run docs`) -->';
export const EXAMPLE_END = '<!-- end example-comment -->';

/** The sample comment, shown in the README exactly as GitHub would render it. */
export function renderExample(comment: string): string {
  return `${EXAMPLE_START}\n${comment.trimEnd()}\n${EXAMPLE_END}`;
}
