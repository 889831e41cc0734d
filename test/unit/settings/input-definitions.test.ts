import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readActionYaml } from '../../../scripts/action-reference.js';
import { INPUT_DEFINITIONS_FILE, renderInputDefinitions } from '../../../scripts/input-definitions.js';
import { Inputs } from '../../../src/model/inputs-outputs.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const action = readActionYaml(path.join(root, 'action.yml'));

describe('the one definition of the inputs', () => {
  it('is generated from action.yml: the CLI reads the same names, defaults and descriptions', () => {
    assert.equal(readFileSync(path.join(root, INPUT_DEFINITIONS_FILE), 'utf8'), renderInputDefinitions(action), 'run `npm run docs` after changing action.yml');
  });

  it('names exactly the inputs that the settings reader knows', () => {
    assert.deepEqual(Object.values(Inputs).sort(), Object.keys(action.inputs).sort());
  });
});
