// A push refused as older than the live commit, which contains it (runs outside one concurrency
// group, serialised by the target's Lease: a newer commit applied first). Its change is live: its
// pull request is told it went out as part of the live commit, never that its deploy failed, and
// the step does not fail. A push refused for any other reason still fails with its report. The
// apply mode end to end against a fake cluster and the GitHub stand-in.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { runApplyMode } from '../../../src/action/apply-mode.js';
import { stickyMarker } from '../../../src/github/sticky-comment.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { FakeCluster } from '../../support/fake-cluster.js';
import { fileTree } from '../../support/file-tree.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import type { StandInPull } from '../../support/github-commits.js';
import { parseOutputFile } from '../../support/run-action.js';
import { testSettings } from '../../support/test-settings.js';
import { applyCluster, applyModeDeps, pushEvent } from '../../support/apply-mode-harness.js';

const TOKEN = 'ghs_supersededPushToken000000000000000';
const OLD = `01${'a'.repeat(38)}`;
const LIVE = `03${'c'.repeat(38)}`;
const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/77';
const MERGED = '2026-12-07T06:00:00Z';
/** Each commit's merged pull request. */
const PULLS: Record<string, StandInPull[]> = {
  [OLD]: [{ number: 11, state: 'closed', merged_at: MERGED }],
  [LIVE]: [{ number: 13, state: 'closed', merged_at: MERGED }],
};
const configMap = (commit: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\ndata: {commit: "${commit}"}\n`;

describe('a push refused as older than a live commit that contains it', () => {
  let server: GitHubApiServer;
  let runnerFiles: string;
  const workspaces: string[] = [];
  const saved = { output: process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY };
  const summary = () => readFileSync(process.env.GITHUB_STEP_SUMMARY ?? '', 'utf8');
  const outputs = () => parseOutputFile(readFileSync(process.env.GITHUB_OUTPUT ?? '', 'utf8'));

  before(() => {
    runnerFiles = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-runner-'));
    process.env.GITHUB_OUTPUT = path.join(runnerFiles, 'output');
    process.env.GITHUB_STEP_SUMMARY = path.join(runnerFiles, 'summary.md');
  });
  after(() => {
    for (const [key, value] of [
      ['GITHUB_OUTPUT', saved.output],
      ['GITHUB_STEP_SUMMARY', saved.summary],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    for (const dir of [runnerFiles, ...workspaces]) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    assert.deepEqual(server.unexpected, []);
    await server.stop();
  });

  /** Commits compare by their first two digits, as on one branch. */
  const start = async () => {
    server = await startGitHubApiServer({
      token: TOKEN,
      compare: (base, head) => (base === head ? 'identical' : head.slice(0, 2) > base.slice(0, 2) ? 'ahead' : 'behind'),
      between: () => [],
      pulls: (sha) => PULLS[sha] ?? [],
    });
  };

  /** The apply mode on a push of `sha` to target `shop`; the error it throws, if any. */
  async function push(client: FakeCluster, sha: string) {
    writeFileSync(process.env.GITHUB_OUTPUT ?? '', '');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY ?? '', '');
    const workspace = fileTree({ 'deploy/cm.yaml': configMap(sha) }, 'kube-gitops-superseded-');
    workspaces.push(workspace);
    const settings = {
      ...testSettings({ paths: ['deploy'], workspace }),
      target: 'shop',
      namespace: 'apps',
      inventoryNamespace: 'apps',
      kubeconfig: 'apiVersion: v1\nkind: Config\n',
      wait: false,
      comment: true,
    };
    const event = pushEvent(sha, server.url, RUN);
    const logger = new RecordingLogger();
    const deps = applyModeDeps(settings, client, logger, { apiUrl: server.url, token: TOKEN });
    const error = await runApplyMode(settings, event, deps).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, logger };
  }

  const commentsOn = (pull: number, kind: 'apply' | 'went-out') =>
    server.comments.filter((c) => c.issueNumber === pull && c.body.startsWith(stickyMarker(kind, 'shop')));

  it('tells its pull request it went out as part of the live commit, with no failed report, and does not fail the step', async () => {
    await start();
    const cluster = applyCluster();
    assert.equal((await push(cluster, LIVE)).error, undefined);
    assert.equal(outputs()['went-out-with'], LIVE, 'an applied push went out with its own commit');
    const before = cluster.writes().length;
    const { error, logger } = await push(cluster, OLD);
    assert.equal(error, undefined, String(error));
    assert.equal(cluster.writes().length, before, 'nothing written');
    assert.deepEqual(commentsOn(11, 'apply'), [], 'no "Nothing was applied" report on its pull request');
    const told = commentsOn(11, 'went-out');
    assert.equal(told.length, 1);
    assert.equal(
      told[0]?.body,
      `${stickyMarker('went-out', 'shop')}\nWent out to \`shop\` as part of \`03ccccc\` (#13), already live when [this pull request's run](<${RUN}>) came to apply \`01aaaaa\`: a run of a newer commit applied first, so this commit was never applied on its own.`,
    );
    assert.deepEqual(logger.messages('warning'), ['Nothing to apply: 03ccccc, already live, contains this commit, so its change went out as part of 03ccccc.']);
    assert.deepEqual(logger.messages('error'), []);
    assert.equal(outputs()['went-out-with'], LIVE);
    assert.equal(outputs()['has-changes'], undefined, 'no counts: this run changed nothing, and the step succeeds');
    assert.ok(outputs()['plan-file'], 'its plan is in the plan file');
    assert.match(summary(), /⏭️ \*\*Already live\*\*: Nothing to apply: 03ccccc, already live, contains this commit/);
    assert.equal(commentsOn(13, 'went-out').length, 0, "the live commit's own pull request has its apply report only");
    assert.equal(commentsOn(13, 'apply').length, 1);
  });

  it('a re-run updates its notice in place', async () => {
    await start();
    const cluster = applyCluster();
    await push(cluster, LIVE);
    await push(cluster, OLD);
    await push(cluster, OLD);
    assert.equal(commentsOn(11, 'went-out').length, 1);
  });

  it('a push refused for any other reason (here: the cluster serves no Lease) still fails, with its report', async () => {
    await start();
    const { error } = await push(new FakeCluster({ namespaces: ['apps'] }), OLD);
    assert.ok(error instanceof Error, 'refused: the cluster serves no Lease');
    assert.equal(outputs()['went-out-with'], undefined);
    assert.equal(commentsOn(11, 'went-out').length, 0);
    assert.match(commentsOn(11, 'apply')[0]?.body ?? '', /⛔ \*\*Nothing was applied\*\*/);
  });
});
