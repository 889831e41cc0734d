import { readFileSync, writeFileSync } from 'node:fs';
import { EXAMPLE_END, EXAMPLE_START, readActionYaml, renderExample, renderReference, replaceReference } from './action-reference.js';
import { INPUT_DEFINITIONS_FILE, renderInputDefinitions } from './input-definitions.js';

let readme = readFileSync('README.md', 'utf8');
readme = replaceReference(readme, renderReference(readActionYaml('action.yml')));
readme = replaceReference(readme, renderExample(readFileSync('test/golden/mixed-plan.md', 'utf8')), EXAMPLE_START, EXAMPLE_END);
writeFileSync('README.md', readme);
writeFileSync(INPUT_DEFINITIONS_FILE, renderInputDefinitions(readActionYaml('action.yml')));
