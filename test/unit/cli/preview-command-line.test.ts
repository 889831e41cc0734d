// `kube-gitops preview`'s command line: its own flags and the preview-* inputs (flags of this
// command only), the pull request numbers and the repository checked with a message naming the flag.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../../src/cli/cli-flags.js';
import { commandHelp } from '../../../src/cli/cli-help.js';
import { closedNumbersOf, pullNumberOf, repositoryOf } from '../../../src/cli/cli-preview-target.js';
import { ConfigurationError } from '../../../src/model/errors.js';
import { fileTree } from '../../support/file-tree.js';

const configurationError = (message: RegExp) => (e: unknown) => e instanceof ConfigurationError && message.test(e.message);

describe('kube-gitops preview on the command line', () => {
  it('takes --pr, --delete, --sweep, --closed, --ttl-only, --repository and the preview inputs; plan and apply do not', () => {
    const line = parseCommandLine(['preview', '--pr', '12', '--preview-prefix', 'pv', '--preview-ttl', '72h', '-f', 'deploy', '--delete', '--yes']);
    assert.deepEqual(Object.fromEntries(line.inputs), { 'preview-prefix': 'pv', 'preview-ttl': '72h', path: 'deploy' });
    assert.deepEqual(Object.fromEntries(line.flags), { pr: '12', delete: 'true', yes: 'true' });
    for (const command of ['plan', 'apply']) {
      assert.throws(() => parseCommandLine([command, '--preview-prefix', 'pv']), configurationError(/Unknown flag --preview-prefix/));
      assert.throws(() => parseCommandLine([command, '--pr', '3']), configurationError(/Unknown flag --pr/));
    }
    assert.match(commandHelp('preview'), /--sweep\n.*--closed/s);
    assert.match(commandHelp('preview'), /--preview-prefix VALUE/);
    assert.doesNotMatch(commandHelp('plan'), /preview-prefix/);
  });

  it('reads pull request numbers as positive whole numbers only, naming the flag', () => {
    assert.equal(pullNumberOf(parseCommandLine(['preview', '--pr', '7'])), 7);
    assert.deepEqual(closedNumbersOf(parseCommandLine(['preview', '--sweep', '--closed', '12, 15,'])), [12, 15]);
    for (const bad of ['0', '-1', '1e3', '07', 'x', '12345678901']) {
      assert.throws(() => pullNumberOf(parseCommandLine(['preview', `--pr=${bad}`])), configurationError(/^--pr takes pull request numbers/), bad);
    }
    assert.throws(
      () => closedNumbersOf(parseCommandLine(['preview', '--closed', '12,abc'])),
      configurationError(/^--closed takes pull request numbers \(positive whole numbers\); got 'abc'/),
    );
    assert.throws(() => pullNumberOf(parseCommandLine(['preview'])), configurationError(/needs --pr N/));
  });

  it("takes the repository from --repository, else the origin's GitHub URL, and says so when neither names one", async (t) => {
    const dir = fileTree({ 'README.md': 'x' }, 'kube-gitops-preview-cli-');
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('git', ['init', '-q', dir]);
    const line = (...argv: string[]) => parseCommandLine(['preview', ...argv]);
    await assert.rejects(repositoryOf(line(), dir), configurationError(/pass --repository OWNER\/REPO/));
    assert.equal(await repositoryOf(line('--repository', 'octo-org/shop'), dir), 'octo-org/shop');
    await assert.rejects(repositoryOf(line('--repository', 'octo-org/shop/extra'), dir), configurationError(/^--repository takes OWNER\/REPO/));
    for (const [url, expected] of [
      ['https://github.com/octo-org/shop.git', 'octo-org/shop'],
      ['git@github.com:octo-org/shop.git', 'octo-org/shop'],
      ['ssh://git@github.example.com/octo-org/shop', 'octo-org/shop'],
    ]) {
      execFileSync('git', ['-C', dir, 'config', 'remote.origin.url', url!]);
      assert.equal(await repositoryOf(line(), dir), expected, url);
    }
  });
});
