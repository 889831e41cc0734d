import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { GitHubEvent } from '../../../src/action/github-event.js';
import type { SurfaceContext } from '../../../src/action/surfaces/surface.js';
import { WENT_OUT_FORBIDDEN, wentOutNotice } from '../../../src/action/surfaces/went-out-notice.js';
import { createGitHubApi } from '../../../src/github/octokit-github.js';
import { stickyMarker } from '../../../src/github/sticky-comment.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import type { ApplyReport } from '../../../src/run/apply-run.js';
import type { AppliedRunReport, RefusedRunReport } from '../../../src/run/run-report.js';
import { startGitHubApiServer, type GitHubApiServer, type GitHubApiServerOptions } from '../../support/github-api-server.js';
import type { StandInPull } from '../../support/github-commits.js';
import { testSettings } from '../../support/test-settings.js';

const TOKEN = 'ghs_wentOutTestToken00000000000000000';
const LIVE = 'a'.repeat(40);
const APPLIED = 'c'.repeat(40);
const [ONE, TWO, THREE, BRANCH] = ['1', '2', '3', '4'].map((d) => d.repeat(40)) as [string, string, string, string];
const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/901';
const MERGED = '2026-12-07T05:00:00Z';
const TARGET = 'web`<b>';

/** Three pull requests merged between the live commit and the applied one (#12 by a merge commit, so two commits name it), the applied commit's own #20, and an open #99. */
const PULLS: Record<string, StandInPull[]> = {
  [ONE]: [{ number: 11, state: 'closed', merged_at: MERGED }],
  [BRANCH]: [{ number: 12, state: 'closed', merged_at: MERGED }],
  [TWO]: [{ number: 12, state: 'closed', merged_at: MERGED }],
  [THREE]: [
    { number: 13, state: 'closed', merged_at: MERGED },
    { number: 99, state: 'open', merged_at: null },
  ],
  [APPLIED]: [{ number: 20, state: 'closed', merged_at: MERGED }],
};

const event: GitHubEvent = {
  name: 'push',
  payload: {},
  sha: APPLIED,
  ref: 'refs/heads/main',
  owner: 'Codertocat',
  repo: 'Hello-World',
  apiUrl: '',
  serverUrl: 'https://github.com',
  runUrl: RUN,
};

/** A report of the apply; `liveCommit` empty: nothing was applied before (a first apply). */
function applied(succeeded: boolean, liveCommit = LIVE): AppliedRunReport {
  const plan = { entries: [], ...(liveCommit ? { liveCommit } : {}) };
  return { kind: 'apply', apply: { planResult: { plan }, succeeded } as unknown as ApplyReport };
}

describe('the pull requests an apply took out without their own run', () => {
  let server: GitHubApiServer;
  let logger: RecordingLogger;
  afterEach(async () => server.stop());

  const run = async (report: AppliedRunReport | RefusedRunReport, comment = true): Promise<void> => {
    logger = new RecordingLogger();
    const github = createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: server.url });
    const context: SurfaceContext = {
      settings: { ...testSettings({ paths: ['.'], workspace: process.cwd() }), target: TARGET, comment },
      event,
      deps: {
        github,
        logger,
        redactor: new SecretRedactor(),
        env: {},
        makeClient: (): never => {
          throw new Error('no cluster here');
        },
      },
    };
    await wentOutNotice(report, context);
  };
  const start = async (options: Partial<GitHubApiServerOptions> = {}) => {
    server = await startGitHubApiServer({
      token: TOKEN,
      compare: () => 'ahead',
      between: () => [ONE, BRANCH, TWO, THREE, APPLIED],
      pulls: (sha) => PULLS[sha] ?? [],
      ...options,
    });
  };
  const told = () => server.comments.map((c) => c.issueNumber).sort((a, b) => a - b);
  const warnings = () => logger.records.filter((r) => r.level === 'warning').map((r) => r.message);

  it('tells each pull request merged in between once, on its own thread, and not the applied commit’s own', async () => {
    await start();
    await run(applied(true));
    assert.deepEqual(told(), [11, 12, 13]);
    const marker = stickyMarker('went-out', TARGET);
    assert.equal(marker, '<!-- kube-gitops:went-out target=web%60%3Cb%3E -->');
    for (const c of server.comments) {
      assert.equal(
        c.body,
        `${marker}\nWent out to \`\`web\`<b>\`\` as part of \`ccccccc\` (#20), applied by [this run](<${RUN}>): this pull request's own commit was never applied on its own (GitHub's concurrency group kept only the newest pending run).`,
      );
    }
    assert.deepEqual(warnings(), []);
    assert.deepEqual(server.unexpected, []);
  });

  it('updates its notice in place on a re-run, never a second one', async () => {
    await start();
    await run(applied(true));
    const ids = server.comments.map((c) => c.id);
    await run(applied(true));
    assert.deepEqual(told(), [11, 12, 13]);
    assert.deepEqual(
      server.comments.map((c) => c.id),
      ids,
    );
  });

  it('pages through a long range', async () => {
    const many = Array.from({ length: 230 }, (_, i) => i.toString(16).padStart(40, '0'));
    await start({ between: () => [...many, ONE, APPLIED] });
    await run(applied(true));
    assert.deepEqual(told(), [11]);
    assert.equal(server.requests.filter((r) => r.path.includes('/compare/') && r.query['page']).length, 3);
  });

  it('tells nobody after a failed apply, with comment: false, or without a live commit', async () => {
    await start();
    await run(applied(false));
    await run(applied(true), false);
    await run(applied(true, ''));
    assert.deepEqual(told(), []);
    assert.match(logger.records.map((r) => r.message).join('\n'), /a first apply/);
  });

  it('tells nobody when the live commit is not an ancestor (a revert, a force-push), and says so', async () => {
    await start({ compare: () => 'diverged' });
    await run(applied(true));
    assert.deepEqual(told(), []);
    assert.match(logger.records.map((r) => r.message).join('\n'), /not an ancestor.*diverged/);
    assert.deepEqual(warnings(), []);
  });

  it('warns once, naming how many may not have been told, over 250 commits', async () => {
    const many = Array.from({ length: 251 }, (_, i) => i.toString(16).padStart(40, '0'));
    await start({ between: () => many });
    await run(applied(true));
    assert.deepEqual(told(), []);
    assert.equal(warnings().length, 1);
    assert.match(warnings()[0] ?? '', /^251 commits .* up to 250 pull request\(s\) merged in between were not told/);
  });

  it('warns once when the comparison fails', async () => {
    await start({ compare: undefined });
    await run(applied(true));
    assert.deepEqual(told(), []);
    assert.equal(warnings().length, 1);
    assert.match(warnings()[0] ?? '', /an unknown number of pull requests/);
  });

  it('warns once, and fails nothing, with a token that cannot comment', async () => {
    await start({ readOnly: true });
    await run(applied(true));
    assert.deepEqual(told(), []);
    assert.deepEqual(warnings(), [WENT_OUT_FORBIDDEN]);
  });

  it('a push refused as older than the live commit that contains it tells its own pull request only, naming the live commit', async () => {
    await start();
    const refused = (wentOutWith?: string): RefusedRunReport => ({
      kind: 'refused',
      refusal: { problems: [{ message: 'Refusing to apply', code: 'refusal' }], ...(wentOutWith ? { wentOutWith } : {}) },
    });
    await run(refused(ONE));
    assert.deepEqual(told(), [20], "the pushed commit's own pull request, never those merged in between");
    assert.match(server.comments[0]?.body ?? '', /as part of `1111111` \(#11\), already live when \[this pull request's run\]/);
    await run(refused());
    await run(refused(ONE), false);
    assert.deepEqual(told(), [20], 'any other refusal, or comment: false, tells nobody');
    assert.deepEqual(warnings(), []);
  });

  it('a refused push whose token cannot comment warns once, and fails nothing', async () => {
    await start({ readOnly: true });
    await run({ kind: 'refused', refusal: { problems: [], wentOutWith: LIVE } });
    assert.deepEqual(told(), []);
    assert.deepEqual(warnings(), [WENT_OUT_FORBIDDEN]);
  });
});
