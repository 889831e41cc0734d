// The rollout order of a targets file's rings and each target's place in it: numbers in increasing
// order, names in the order the file first names them, never the two mixed; `soak` read as a
// duration; every refusal at the file's line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettings } from '../../../src/settings/read-settings.js';
import { assertRefused, cleanWorkspacesAfterEach, targetsWorkspace } from '../../support/targets-workspace.js';

cleanWorkspacesAfterEach();

const entry = (name: string, fields: string) => `  - name: ${name}\n    path: a\n    namespace: ${name}\n${fields}`;

function rolloutOf(yaml: string, target: string) {
  const workspace = targetsWorkspace(yaml);
  return readSettings((name) => (name === 'target' ? target : ''), { GITHUB_WORKSPACE: workspace }).rollout;
}

describe('rings in the targets file', () => {
  it('rolls numbered rings out in increasing order, whatever the order of the file, each waiting for every ring before it', () => {
    const yaml = `targets:\n${entry('eu', '    ring: 2\n    environment: prod-eu\n')}${entry('canary', '    ring: 0\n')}${entry('staging', '    ring: 1\n')}${entry('us', '    ring: 2\n')}`;
    assert.deepEqual(rolloutOf(yaml, 'canary'), { ring: '0', before: [], soakMs: 0 });
    assert.deepEqual(rolloutOf(yaml, 'eu'), {
      ring: '2',
      before: [
        { ring: '0', targets: [{ target: 'canary', environment: 'canary' }] },
        { ring: '1', targets: [{ target: 'staging', environment: 'staging' }] },
      ],
      soakMs: 0,
    });
    assert.deepEqual(rolloutOf(yaml, 'staging')?.before, [{ ring: '0', targets: [{ target: 'canary', environment: 'canary' }] }]);
  });

  it('rolls named rings out in the order the file first names them; a ring in defaults reaches every entry', () => {
    const yaml = `targets:\n${entry('a1', '    ring: canary\n')}${entry('b1', '    ring: production\n    environment: production\n')}${entry('a2', '    ring: canary\n')}`;
    assert.deepEqual(rolloutOf(yaml, 'b1')?.before, [
      {
        ring: 'canary',
        targets: [
          { target: 'a1', environment: 'a1' },
          { target: 'a2', environment: 'a2' },
        ],
      },
    ]);
    const all = `defaults:\n  ring: 1\ntargets:\n${entry('x', '')}${entry('y', '    ring: 0\n')}`;
    assert.deepEqual(rolloutOf(all, 'x')?.before, [{ ring: '0', targets: [{ target: 'y', environment: 'y' }] }]);
  });

  it('a target without a ring neither waits nor is waited for', () => {
    const yaml = `targets:\n${entry('free', '')}${entry('canary', '    ring: 0\n')}${entry('prod', '    ring: 1\n')}`;
    assert.equal(rolloutOf(yaml, 'free'), undefined);
    assert.deepEqual(rolloutOf(yaml, 'prod')?.before, [{ ring: '0', targets: [{ target: 'canary', environment: 'canary' }] }]);
  });

  it('reads soak from the entry or defaults as a duration', () => {
    const yaml = `defaults:\n  soak: 10m\ntargets:\n${entry('canary', '    ring: 0\n')}${entry('prod', '    ring: 1\n    soak: 1h30m\n')}${entry('stage', '    ring: 1\n')}`;
    assert.equal(rolloutOf(yaml, 'prod')?.soakMs, 5_400_000);
    assert.equal(rolloutOf(yaml, 'stage')?.soakMs, 600_000);
  });

  it('refuses numbers and names mixed, and a soak that is not a duration, at the line', () => {
    const mixed = `targets:\n${entry('canary', '    ring: 0\n')}${entry('prod', '    ring: production\n')}`;
    assertRefused(() => rolloutOf(mixed, 'canary'), 'kube-gitops.yaml:9: ', /all whole numbers .* or all names .*"prod" breaks the pattern/);
    const badSoak = `targets:\n${entry('canary', '    ring: 0\n')}${entry('prod', '    ring: 1\n    soak: soon\n')}`;
    assertRefused(() => rolloutOf(badSoak, 'prod'), 'kube-gitops.yaml:10: ', /field 'soak' must be a duration such as 90s, 10m or 1h30m; got "soon"/);
    const listSoak = `targets:\n${entry('canary', '    ring: 0\n    soak: [1m]\n')}`;
    assertRefused(() => rolloutOf(listSoak, 'canary'), 'kube-gitops.yaml:6: ', /field 'soak' must be a number or a string/);
  });
});
