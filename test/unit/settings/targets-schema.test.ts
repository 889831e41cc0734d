// kube-gitops.schema.json: generated from action.yml and the one list of target fields, current in
// the repository, and in agreement with the targets-file parser on what a file may hold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { readActionYaml } from '../../../scripts/action-reference.js';
import { renderTargetsSchema, TARGETS_SCHEMA_FILE } from '../../../scripts/targets-schema.js';
import { ConfigurationError } from '../../../src/model/errors.js';
import { ENTRY_FIELDS, TARGET_INPUTS } from '../../../src/settings/target-fields.js';
import { parseTargetsFile } from '../../../src/settings/targets-file.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const action = readActionYaml(path.join(root, 'action.yml'));
const committed = readFileSync(path.join(root, TARGETS_SCHEMA_FILE), 'utf8');
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(committed) as object);

const schemaAccepts = (yaml: string) => validate(load(yaml));
const parserAccepts = (yaml: string) => {
  try {
    parseTargetsFile('kube-gitops.yaml', yaml);
    return true;
  } catch (error) {
    if (error instanceof ConfigurationError) return false;
    throw error;
  }
};

describe('the targets file schema', () => {
  it('is generated from action.yml: run `npm run docs` after changing action.yml or the target fields', () => {
    assert.equal(committed, renderTargetsSchema(action));
  });

  it("describes each target input with action.yml's description", () => {
    const target = (JSON.parse(committed) as { definitions: { target: { properties: Record<string, { description: string }> } } }).definitions.target;
    assert.deepEqual(Object.keys(target.properties), ENTRY_FIELDS);
    for (const name of TARGET_INPUTS) assert.equal(target.properties[name]?.description, action.inputs[name]?.description, name);
  });

  it('accepts the fleet example, whose modeline names it', () => {
    const example = readFileSync(path.join(root, 'examples/fleet/kube-gitops.yaml'), 'utf8');
    assert.match(example, /^# yaml-language-server: \$schema=\S+\/kube-gitops\.schema\.json$/m);
    assert.ok(schemaAccepts(example), JSON.stringify(validate.errors));
  });

  it('refuses what the parser refuses, and accepts what it accepts', () => {
    const cases: [string, boolean][] = [
      ['targets:\n  - name: a\n    path: [a, b]\n    prune: false\n    concurrency: 4\n    ring: 0\n', true],
      ['defaults:\n  exclude: "**/test/**"\n  wait: "True"\n  kubeconfig-secret: KUBE_PROD\ntargets:\n  - name: a\n', true],
      ['targets:\n  - name: a\n    namspace: x\n', false],
      ['targets:\n  - name: a\n    kubeconfig: x\n', false],
      ['targets:\n  - name: a\n    mode: apply\n', false],
      ['targets:\n  - name: a\n    prune: [true]\n', false],
      ['targets:\n  - name: a\n    path: 7\n', false],
      ['targets:\n  - name: a\n    ring: -1\n', false],
      ['targets:\n  - name: a\n    kubeconfig-secret: GITHUB_TOKEN\n', false],
      ['targets:\n  - name: a\n    environment: "a\\nb"\n', false],
      ['defaults:\n  name: a\ntargets:\n  - name: a\n', false],
      ['targets:\n  - path: a\n', false],
      ['targets: []\n', false],
      ['namespace: x\ntargets:\n  - name: a\n', false],
    ];
    for (const [yaml, accepted] of cases) {
      assert.equal(schemaAccepts(yaml), accepted, `schema: ${yaml}`);
      assert.equal(parserAccepts(yaml), accepted, `parser: ${yaml}`);
    }
  });
});
