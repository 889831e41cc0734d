// Runs dist/index.js (or KUBE_GITOPS_DIST_INDEX, a private build) the way the runner does: INPUT_* variables, GITHUB_EVENT_PATH with a real
// webhook payload from @octokit/webhooks-examples, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { INPUT_DEFINITIONS } from '../../src/settings/input-definitions.js';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

interface WebhookDefinition {
  name: string;
  examples: Record<string, unknown>[];
}

function examples(event: string): Record<string, unknown>[] {
  const defs = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as WebhookDefinition[];
  return defs.find((d) => d.name === event)!.examples;
}

/** A real `pull_request` (synchronize) payload with our commits and number. */
export function pullRequestPayload(opts: { number: number; baseSha: string; headSha: string }): Record<string, unknown> {
  const payload = structuredClone(examples('pull_request').find((e) => e.action === 'synchronize')!) as {
    number: number;
    pull_request: { number: number; head: { sha: string }; base: { sha: string } };
    after?: string;
  };
  payload.number = opts.number;
  payload.pull_request.number = opts.number;
  payload.pull_request.head.sha = opts.headSha;
  payload.pull_request.base.sha = opts.baseSha;
  payload.after = opts.headSha;
  return payload as unknown as Record<string, unknown>;
}

/** A real `push` payload to refs/heads/master (the example repository's default branch). */
export function pushPayload(opts: { before: string; after: string }): Record<string, unknown> {
  const payload = structuredClone(examples('push').find((e) => e.ref === 'refs/heads/master')!) as {
    before: string;
    after: string;
    head_commit?: { id: string };
  };
  payload.before = opts.before;
  payload.after = opts.after;
  if (payload.head_commit) payload.head_commit.id = opts.after;
  return payload as unknown as Record<string, unknown>;
}

/**
 * A `schedule` payload as the runner writes it: @octokit/webhooks-examples has none (a schedule is no
 * webhook; GitHub's docs list its payload as "not applicable"), and the event file holds only the cron
 * expression that fired, read as `github.event.schedule`. GITHUB_SHA and GITHUB_REF name the default
 * branch's last commit and the branch.
 */
export function schedulePayload(cron = '17 4 * * *'): Record<string, unknown> {
  return { schedule: cron };
}

/** A real `workflow_dispatch` payload (run from the Actions tab), on refs/heads/master. */
export function workflowDispatchPayload(): Record<string, unknown> {
  const payload = structuredClone(examples('workflow_dispatch')[0]!) as { ref: string };
  payload.ref = 'refs/heads/master';
  return payload as unknown as Record<string, unknown>;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface RunActionOptions {
  event: 'pull_request' | 'push' | 'schedule' | 'workflow_dispatch';
  payload: Record<string, unknown>;
  inputs: Record<string, string>;
  workspace: string;
  sha: string;
  apiUrl?: string;
  env?: Record<string, string>;
}

/** Every input at its action.yml default, as the runner passes them (an expression default such as the token reads as empty). */
const INPUT_DEFAULTS: Record<string, string> = Object.fromEntries(INPUT_DEFINITIONS.map((d) => [d.name, d.default.includes('${{') ? '' : d.default]));

export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

export function runAction(opts: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-run-'));
  const files = { event: path.join(dir, 'event.json'), output: path.join(dir, 'output'), summary: path.join(dir, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(opts.payload));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs = { ...INPUT_DEFAULTS, ...opts.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: opts.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_SHA: opts.sha,
    GITHUB_REF: opts.event === 'pull_request' ? `refs/pull/${String(opts.payload.number)}/merge` : 'refs/heads/master',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: dir,
    ...(opts.apiUrl ? { GITHUB_API_URL: opts.apiUrl } : {}),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
    ...opts.env,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [process.env.KUBE_GITOPS_DIST_INDEX ?? path.join(repoRoot, 'dist/index.js')],
      { env, cwd: opts.workspace, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
          outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
          summary: readFileSync(files.summary, 'utf8'),
        });
      },
    );
  });
}

/**
 * Everything a run lets anyone read: the log as the runner shows it (the `::add-mask::` commands
 * are consumed by the runner, not shown), the outputs, the step summary, the plan file and the comments.
 */
export function visibleOutputs(run: ActionRun, comments: readonly string[]): Record<string, string> {
  const planFile = run.outputs['plan-file'];
  return {
    log: run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    stderr: run.stderr,
    outputs: JSON.stringify(run.outputs),
    summary: run.summary,
    planFile: planFile && existsSync(planFile) ? readFileSync(planFile, 'utf8') : '',
    comments: comments.join('\n'),
  };
}
