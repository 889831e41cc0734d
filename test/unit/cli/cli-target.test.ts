// `kube-gitops plan --target NAME [--targets-file FILE]`: one target of the targets file from a
// terminal, the flags given over the file's values (a flag equal to a default too: the CLI knows
// which flags were given).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../../src/cli/cli-flags.js';
import { commandHelp } from '../../../src/cli/cli-help.js';
import { cliSettings } from '../../../src/cli/cli-settings.js';
import { ConfigurationError } from '../../../src/model/errors.js';
import { cleanWorkspacesAfterEach, targetsWorkspace } from '../../support/targets-workspace.js';

cleanWorkspacesAfterEach();

const FILE = 'targets:\n  - name: web\n    path: a\n    namespace: web\n    prune: false\n';

describe('the command line with a targets file', () => {
  it('maps --target and --targets-file to the inputs, and keeps --plans (the fleet step) off the command line', () => {
    const line = parseCommandLine(['plan', '--target', 'web', '--targets-file', 'fleet/targets.yaml']);
    assert.deepEqual(Object.fromEntries(line.inputs), { target: 'web', 'targets-file': 'fleet/targets.yaml' });
    assert.throws(
      () => parseCommandLine(['plan', '--plans', 'dir']),
      (e: unknown) => e instanceof ConfigurationError && /^Unknown flag --plans/.test(e.message),
    );
    assert.match(commandHelp('plan'), /--target VALUE\n\s+Run the target of this name from the targets file \(--targets-file\)/);
  });

  it("reads the target's settings from the file, with the flags given over them, a default included", () => {
    const cwd = targetsWorkspace(undefined, { 'fleet/targets.yaml': FILE });
    const fromFile = cliSettings(parseCommandLine(['plan', '--target', 'web', '--targets-file', 'fleet/targets.yaml']), {}, cwd);
    assert.deepEqual([fromFile.target, fromFile.paths, fromFile.namespace, fromFile.prune], ['web', ['a'], 'web', false]);
    const flags = cliSettings(parseCommandLine(['apply', '--target=web', '--targets-file=fleet/targets.yaml', '--prune', '-n', 'other']), {}, cwd);
    assert.deepEqual([flags.target, flags.namespace, flags.prune, flags.mode], ['web', 'other', true, 'apply']);
  });
});
