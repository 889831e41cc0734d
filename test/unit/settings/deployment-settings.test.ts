import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inputs } from '../../../src/model/inputs-outputs.js';
import { readSettings } from '../../../src/settings/read-settings.js';
import { assertRefused, cleanWorkspacesAfterEach, targetsWorkspace } from '../../support/targets-workspace.js';

const FILE = `targets:
  - name: web
    path: a
    environment: staging
    environment-url: https://staging.example.com/
  - name: api
    path: b
`;

describe('where an apply is recorded as a GitHub Deployment: the environment and environment-url inputs', () => {
  cleanWorkspacesAfterEach();
  const read = (inputs: Record<string, string>, workspace = process.cwd()) => readSettings((n) => inputs[n] ?? '', { GITHUB_WORKSPACE: workspace });

  it('reads both from the step, and leaves them out when empty', () => {
    const s = read({ [Inputs.Environment]: ' production ', [Inputs.EnvironmentUrl]: 'https://shop.example.com/' });
    assert.deepEqual([s.environment, s.environmentUrl], ['production', 'https://shop.example.com/']);
    const none = read({});
    assert.deepEqual(['environment' in none, 'environmentUrl' in none], [false, false]);
  });

  it('refuses a URL GitHub could not link to, and an environment name GitHub would refuse, naming the input', () => {
    assertRefused(() => read({ [Inputs.EnvironmentUrl]: 'javascript:alert(1)' }), `Input '${Inputs.EnvironmentUrl}' must be an absolute http`, /javascript/);
    assertRefused(() => read({ [Inputs.EnvironmentUrl]: 'staging.example.com' }), `Input '${Inputs.EnvironmentUrl}'`, /absolute/);
    assertRefused(() => read({ [Inputs.Environment]: 'x'.repeat(256) }), `Input '${Inputs.Environment}'`, /255 characters/);
  });

  it("takes a target's environment and environment-url from the targets file, the step's over them", () => {
    const workspace = targetsWorkspace(FILE);
    const web = read({ [Inputs.Target]: 'web' }, workspace);
    assert.deepEqual([web.environment, web.environmentUrl], ['staging', 'https://staging.example.com/']);
    const given = read({ [Inputs.Target]: 'web', [Inputs.Environment]: 'staging-2', [Inputs.EnvironmentUrl]: 'https://two.example.com/' }, workspace);
    assert.deepEqual([given.environment, given.environmentUrl], ['staging-2', 'https://two.example.com/']);
    const api = read({ [Inputs.Target]: 'api' }, workspace);
    assert.deepEqual([api.environment, api.environmentUrl], [undefined, undefined]);
  });

  it("names the file's line when its environment-url is not a URL", () => {
    const workspace = targetsWorkspace(FILE.replace('https://staging.example.com/', 'not a url'));
    assertRefused(() => read({ [Inputs.Target]: 'web' }, workspace), 'kube-gitops.yaml:5', /field 'environment-url' must be an absolute/);
  });
});
