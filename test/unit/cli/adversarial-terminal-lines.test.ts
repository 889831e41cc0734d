// Adversarial: text from the repository (a file name, a value, a message quoting them) must not become
// a workflow command when the CLI runs in a `run:` step, nor when the Action logs a line. The runner
// takes a line starting with `::` (after whitespace), or holding `##[`, as a command; a file name
// holding a line break and `::add-mask::`, or a value holding one, would otherwise make one.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ActionsLogger } from '../../../src/action/actions-logger.js';
import { workflowSafeIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { renderPlanTerminal } from '../../../src/render/plan-terminal.js';
import { capturingIo } from '../../support/capturing-io.js';
import { configMap, livePlan, planEntry } from '../../support/plan-entries.js';

const HOSTILE_FILE = 'deploy/a\n::add-mask::x\r::warning file=y::pwned.yaml';
const HOSTILE_VALUE = 'ok\n::set-output name=token::stolen\n  ::error::indented\nlegacy ##[warning]form';

/** Lines the runner would read as workflow commands (it reads lines as .NET does: \r, \n and \r\n end one). */
function commandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((l) => /^\s*::/.test(l) || l.includes('##['));
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('terminal lines written by the CLI', () => {
  it('prints a file name holding a line break and a workflow command escaped, on one line', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-terminal-'));
    dirs.push(ws);
    mkdirSync(path.join(ws, path.dirname(HOSTILE_FILE)), { recursive: true });
    writeFileSync(path.join(ws, HOSTILE_FILE), 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n');
    // A cluster nothing listens at: the manifests are loaded (and refused) first.
    const kubeconfig = path.join(ws, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: abcdef}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
    );
    const { io, stdout, stderr } = capturingIo(ws);
    const code = await runCli(['plan', '--kubeconfig', kubeconfig, '--path', 'deploy'], io);
    const written = stdout() + stderr();
    assert.equal(code, 1);
    assert.ok(written.includes('deploy/a\\n::add-mask::x\\r::warning file=y::pwned.yaml'), written);
    assert.deepEqual(commandLines(written), [], written);
  });

  it('keeps every line of a terminal plan from starting a workflow command, values and file names included', () => {
    // An update: the value's lines are context lines of the diff, which begin with spaces.
    const before = configMap('settings', { note: HOSTILE_VALUE, mode: 'slow' });
    const after = configMap('settings', { note: HOSTILE_VALUE, mode: 'fast' });
    const plan = livePlan([planEntry('update', before, after, { source: { file: HOSTILE_FILE, line: 3 } })], {
      problems: [{ message: `bad value\n::add-mask::${HOSTILE_VALUE}`, source: { file: HOSTILE_FILE, line: 1 } }],
      warnings: ['a warning\n::error::from the server'],
    });
    const ws = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-terminal-'));
    dirs.push(ws);
    const { io, stdout } = capturingIo(ws);
    workflowSafeIo(io).stdout(renderPlanTerminal(plan, { color: false }));
    const written = stdout();
    assert.deepEqual(commandLines(written), [], written);
    assert.ok(written.includes(`update  ConfigMap/shop/settings  deploy/a\\n::add-mask::x\\r::warning file=y::pwned.yaml:3`), written);
    assert.ok(written.includes('\\::set-output name=token::stolen'), written);
    assert.ok(written.includes('#\\u0023[warning]form'), written);
  });
});

describe("the Action's plain log lines", () => {
  it('writes a message holding a line break and a workflow command as data', () => {
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      new ActionsLogger().info(`Followed the symlink ${HOSTILE_FILE} (inside the workspace)`);
      new ActionsLogger().info(`'${HOSTILE_FILE}' ##[add-mask]legacy`);
    } finally {
      process.stdout.write = write;
    }
    const written = chunks.join('');
    assert.ok(written.includes('Followed the symlink deploy/a'), written);
    assert.deepEqual(commandLines(written), [], written);
  });
});
