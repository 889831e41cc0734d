import { readFileSync, writeFileSync } from 'node:fs';
import { readActionYaml, renderReference, replaceReference } from './action-reference.js';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', replaceReference(readme, renderReference(readActionYaml('action.yml'))));
