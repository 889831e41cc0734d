// The fleet's flags: `targets` takes --base, --targets-file and --help only; `plan --all` takes
// --parallel and refuses the flags that name one target (--target, --name) or one target's view
// (--diff), naming both flags; help lists each command's own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parallelOf, parseCommandLine } from '../../../src/cli/cli-flags.js';
import { commandHelp, generalHelp } from '../../../src/cli/cli-help.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { ConfigurationError } from '../../../src/model/errors.js';
import { capturingIo } from '../../support/capturing-io.js';
import { targetsWorkspace, cleanWorkspacesAfterEach } from '../../support/targets-workspace.js';

cleanWorkspacesAfterEach();

const refused = (argv: string[], message: RegExp) =>
  assert.throws(
    () => parseCommandLine(argv),
    (e: unknown) => e instanceof ConfigurationError && message.test(e.message),
  );

describe('the fleet flags of the command line', () => {
  it('parses targets --base and --targets-file, and nothing of the plan', () => {
    const line = parseCommandLine(['targets', '--base', 'origin/main', '--targets-file=fleet.yaml']);
    assert.deepEqual(
      [line.command, Object.fromEntries(line.inputs), Object.fromEntries(line.flags)],
      ['targets', { 'targets-file': 'fleet.yaml' }, { base: 'origin/main' }],
    );
    refused(['targets', '--path', 'deploy'], /^Unknown flag --path for kube-gitops targets/);
    refused(['targets', '--all'], /^Unknown flag --all for kube-gitops targets/);
    refused(['targets', '--base'], /^Flag --base needs a value/);
    refused(['plan', '--base', 'main'], /^Unknown flag --base for kube-gitops plan/);
    refused(['apply', '--all'], /^Unknown flag --all for kube-gitops apply/);
  });

  it('parses plan --all --parallel N, and checks N', () => {
    const line = parseCommandLine(['plan', '--all', '--parallel', '8', '-o', 'json']);
    assert.deepEqual(Object.fromEntries(line.flags), { all: 'true', parallel: '8', output: 'json' });
    assert.equal(parallelOf(line), 8);
    assert.equal(parallelOf(parseCommandLine(['plan', '--all'])), 4);
    for (const bad of ['0', '33', '2.5', 'many', '-1'])
      assert.throws(
        () => parallelOf(parseCommandLine(['plan', '--all', `--parallel=${bad}`])),
        (e: unknown) => e instanceof ConfigurationError && /^--parallel must be a whole number from 1 to 32/.test(e.message),
        bad,
      );
  });

  it('lists each command’s own flags in its help', () => {
    const targets = commandHelp('targets');
    assert.match(targets, /--base REF\n\s+The branch \(or any revision\)/);
    assert.match(targets, /--targets-file VALUE/);
    assert.doesNotMatch(targets, /^\s+(-[a-z], )?--(path|all|kubeconfig|namespace)\b/m);
    assert.match(commandHelp('plan'), /--all\n\s+Plan every target of the targets file/);
    assert.match(commandHelp('plan'), /--parallel N\n\s+With --all/);
    assert.match(generalHelp(), /kube-gitops targets \[flags\]/);
  });

  for (const [flags, message] of [
    [['--target', 'web'], /^--all and --target cannot go together/],
    [['--name', 'web'], /^--all and --name cannot go together/],
    [['--diff', 'all'], /^--all and --diff cannot go together/],
  ] as const) {
    it(`refuses plan --all with ${flags[0]}, naming both flags, before reading anything`, async () => {
      const { io, stdout, stderr } = capturingIo(targetsWorkspace('targets:\n  - name: web\n    path: a\n'));
      const code = await runCli(['plan', '--all', ...flags], io);
      assert.equal(code, 1);
      assert.equal(stdout(), '');
      assert.match(stderr(), message);
    });
  }
});
