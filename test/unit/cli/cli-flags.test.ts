// The command line's grammar, parsed by util.parseArgs: kubectl's short flags, the action's inputs
// under their own names, and every mistake a clear one-line error naming the flag.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../../src/cli/cli-flags.js';
import { commandHelp, generalHelp } from '../../../src/cli/cli-help.js';
import { ConfigurationError } from '../../../src/model/errors.js';

const parsed = (...argv: string[]) => {
  const line = parseCommandLine(argv);
  return { command: line.command, inputs: Object.fromEntries(line.inputs), flags: Object.fromEntries(line.flags) };
};

function refused(argv: string[], message: RegExp): void {
  assert.throws(
    () => parseCommandLine(argv),
    (e: unknown) => e instanceof ConfigurationError && message.test(e.message),
  );
}

describe('the command line flags', () => {
  it("takes kubectl's short flags and the inputs by name, repeated paths one per line", () => {
    assert.deepEqual(parsed('plan', '-f', 'deploy', '-f', 'base', '-n', 'shop', '--context', 'prod', '-o', 'json', '--exit-code'), {
      command: 'plan',
      inputs: { path: 'deploy\nbase', namespace: 'shop', context: 'prod' },
      flags: { output: 'json', 'exit-code': 'true' },
    });
    assert.deepEqual(parsed('apply', '--path=deploy', '--namespace=shop', '-y'), {
      command: 'apply',
      inputs: { path: 'deploy', namespace: 'shop' },
      flags: { yes: 'true' },
    });
  });

  it('reads booleans as the action writes them: --prune=false, --no-prune, --wait', () => {
    assert.deepEqual(parsed('apply', '--prune=false', '--no-wait', '--adopt', '--force-conflicts=true').inputs, {
      prune: 'false',
      wait: 'false',
      adopt: 'true',
      'force-conflicts': 'true',
    });
    refused(['apply', '--prune=maybe'], /^Flag --prune is true or false, not 'maybe'\.$/);
  });

  it('says which flag is wrong, never a stack trace', () => {
    refused(['plan', '--bogus'], /^Unknown flag --bogus for kube-gitops plan \(kube-gitops plan --help lists the flags\)\.$/);
    refused(['plan', '-z'], /^Unknown flag -z for kube-gitops plan/);
    refused(['plan', '--yes'], /^Unknown flag --yes for kube-gitops plan/);
    refused(['plan', '--no-namespace'], /^Unknown flag --no-namespace/);
    refused(['plan', '--namespace'], /^Flag --namespace needs a value/);
    refused(['plan', '-n', '--prune'], /^Flag --namespace needs a value/);
    refused(['plan', 'deploy/'], /^Unexpected argument 'deploy\/': flags are --name value or --name=value/);
    refused(['diff'], /^Unknown command 'diff': use kube-gitops plan, apply, targets or preview/);
  });

  it('keeps GitHub-only inputs off the command line (a key in argv would show in ps)', () => {
    refused(['plan', '--sops-age-key', 'AGE-SECRET-KEY-1X'], /^Unknown flag --sops-age-key/);
    refused(['plan', '--github-token', 't'], /^Unknown flag --github-token/);
  });

  it('answers -h and --help, and speaks of a terminal, not of steps and pull requests', () => {
    assert.equal(parsed('-h').command, 'help');
    assert.deepEqual(parsed('plan', '-h').flags, { help: 'true' });
    assert.match(generalHelp(), /^Examples:\n {2}kube-gitops plan -f deploy\/ -n shop/m);
    for (const command of ['plan', 'apply'] as const) {
      const help = commandHelp(command);
      const inputs = help.slice(0, help.indexOf('Flags of the command line:'));
      assert.match(help, /^ {2}-n, --namespace VALUE$/m);
      assert.match(help, /^ {2}-f, --path VALUE \(repeatable\)$/m);
      assert.doesNotMatch(inputs, /\b(the step|pull request|job summary|sticky comment)\b/i, command);
    }
  });
});
