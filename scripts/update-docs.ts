// `npm run docs` (also the last step of `npm run build`): refreshes the generated parts of README.md
// and docs/ (scripts/docs-pages.ts), src/settings/input-definitions.ts and kube-gitops.schema.json
// (scripts/targets-schema.ts), all from action.yml and the demo's plan comment.
import { readFileSync, writeFileSync } from 'node:fs';
import { readActionYaml } from './action-reference.js';
import { documentationPages, readExampleComment, refreshPage } from './docs-pages.js';
import { INPUT_DEFINITIONS_FILE, renderInputDefinitions } from './input-definitions.js';
import { TARGETS_SCHEMA_FILE, renderTargetsSchema } from './targets-schema.js';

const action = readActionYaml('action.yml');
const comment = readExampleComment('.');
for (const page of documentationPages('.')) {
  const text = readFileSync(page, 'utf8');
  const fresh = refreshPage(page, text, action, comment);
  if (fresh !== text) writeFileSync(page, fresh);
}
writeFileSync(INPUT_DEFINITIONS_FILE, renderInputDefinitions(action));
writeFileSync(TARGETS_SCHEMA_FILE, renderTargetsSchema(action));
