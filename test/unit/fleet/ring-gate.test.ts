// The ring gate against the GitHub stand-in through the real adapter: what the deployments of the
// rings before a target record decides whether it may apply a commit; every stop names the ring,
// the target and the reason; a soak is waited out (on a fake clock) and then read again.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ringGate, MAX_SOAK_WAITS } from '../../../src/fleet/ring-gate.js';
import type { DeploymentState } from '../../../src/github/github-port.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { RingPosition } from '../../../src/model/ring-position.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { standInClients } from '../../support/stand-in-clients.js';

const TOKEN = 'ghs_unitRingGateToken0000000000000000';
const OLD = 'a'.repeat(40);
const SHA = 'b'.repeat(40);
const NEW = 'c'.repeat(40);
const ELSEWHERE = 'd'.repeat(40);
const ORDER = [OLD, SHA, NEW];
const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/7';

const production: RingPosition = {
  ring: '1',
  before: [{ ring: '0', targets: [{ target: 'canary', environment: 'canary' }] }],
  soakMs: 0,
};

describe('the ring gate: the rings before a target, read from GitHub Deployments', () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({
      token: TOKEN,
      compare: (base, head) => {
        if (base === head) return 'identical';
        const [b, h] = [ORDER.indexOf(base), ORDER.indexOf(head)];
        if (b < 0 || h < 0) return 'diverged';
        return h > b ? 'ahead' : 'behind';
      },
    });
  });
  after(async () => server.stop());
  beforeEach(() => server.deployments.deployments.splice(0));
  const { api } = standInClients(() => server, TOKEN);

  /** A deployment of kube-gitops' own (marked with the target) with these statuses, oldest first. */
  async function recorded(sha: string, states: DeploymentState[], target = 'canary', environment = 'canary', description = '') {
    const github = api();
    const d = await github.createDeployment({ sha, environment, description: 'kube-gitops', payload: { 'kube-gitops': { target } } });
    for (const state of states) await github.createDeploymentStatus(d.id, { state, logUrl: RUN, environmentUrl: '', description });
    return d;
  }

  async function gate(position = production, sha = SHA, options: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
    const logger = new RecordingLogger();
    const problems = await ringGate('production', position, sha, { github: api(), logger, ...options });
    return { messages: problems.map((p) => p.message), logger };
  }

  it("goes ahead when the canary's last deployment is a success of the commit (the job's own, from GitHub Actions)", async () => {
    const job = server.deployments.seedJobDeployment(SHA, 'canary', `${RUN}/job/1`);
    server.deployments.finishJob(job, 'success');
    const { messages, logger } = await gate();
    assert.deepEqual(messages, []);
    assert.ok(logger.records.some((r) => r.message.includes('production goes ahead') && r.message.includes('ring 0 has bbbbbbb')));
  });

  it('goes ahead when the canary has a later commit applied and healthy, passing over a run still going', async () => {
    await recorded(NEW, ['in_progress', 'success']);
    await recorded(NEW, ['in_progress']);
    assert.deepEqual((await gate()).messages, []);
  });

  it('stops on a canary whose last deployment failed, even after a success of the commit, naming ring, target and reason', async () => {
    await recorded(SHA, ['in_progress', 'success']);
    await recorded(NEW, ['in_progress', 'failure'], 'canary', 'canary', 'Applied, not healthy: 1 written, 0 pruned, 1 not healthy');
    assert.deepEqual((await gate()).messages, [
      'Nothing was applied: Ring 1 waits for ring 0: target "canary" (environment "canary") its last deployment, of ccccccc, ended in failure: Applied, not healthy: 1 written, 0 pruned, 1 not healthy.',
    ]);
  });

  it('stops on a canary that has only an older commit, one that does not contain the commit, or nothing finished', async () => {
    await recorded(OLD, ['success']);
    assert.match(
      (await gate()).messages.join('\n'),
      /target "canary" \(environment "canary"\) has aaaaaaa applied, older than bbbbbbb: bbbbbbb has not reached it yet\.$/,
    );
    await recorded(ELSEWHERE, ['success']);
    assert.match((await gate()).messages.join('\n'), /has ddddddd applied, which does not contain bbbbbbb\.$/);
    server.deployments.deployments.splice(0);
    await recorded(SHA, ['queued', 'in_progress']);
    assert.match((await gate()).messages.join('\n'), /has no finished deployment recorded in environment "canary"\.$/);
  });

  it("does not count another target's deployment in the same environment", async () => {
    await recorded(SHA, ['success'], 'other-target');
    assert.match((await gate()).messages.join('\n'), /target "canary" .* has no finished deployment/);
  });

  it('names every target of every earlier ring that holds it back', async () => {
    await recorded(SHA, ['success'], 'canary');
    const position: RingPosition = {
      ring: '2',
      before: [
        { ring: '0', targets: [{ target: 'canary', environment: 'canary' }] },
        {
          ring: '1',
          targets: [
            { target: 'eu', environment: 'staging-eu' },
            { target: 'us', environment: 'staging-us' },
          ],
        },
      ],
      soakMs: 0,
    };
    await recorded(SHA, ['failure'], 'us', 'staging-us');
    const { messages } = await gate(position);
    assert.deepEqual(
      messages.map((m) => m.replace(/\) .*/, ')')),
      [
        'Nothing was applied: Ring 2 waits for ring 1: target "eu" (environment "staging-eu")',
        'Nothing was applied: Ring 2 waits for ring 1: target "us" (environment "staging-us")',
      ],
    );
  });

  it('waits out what is left of the soak, then reads the deployments again and goes ahead', async () => {
    await recorded(SHA, ['success']);
    const at = Date.parse(server.deployments.deployments[0]?.statuses.at(-1)?.createdAt ?? '');
    let now = at + 60_000;
    const slept: number[] = [];
    const { messages, logger } = await gate({ ...production, soakMs: 600_000 }, SHA, {
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    assert.deepEqual([messages, slept], [[], [540_000]]);
    assert.ok(logger.records.some((r) => r.message === 'Ring 1: waiting 9m0s for the soak of the rings before it (canary).'));
  });

  it(`refuses after ${MAX_SOAK_WAITS} waits when the soak is never over (the canary keeps being replaced)`, async () => {
    await recorded(SHA, ['success']);
    const at = Date.parse(server.deployments.deployments[0]?.statuses.at(-1)?.createdAt ?? '');
    const slept: number[] = [];
    const { messages } = await gate({ ...production, soakMs: 600_000 }, SHA, { now: () => at, sleep: async (ms) => void slept.push(ms) });
    assert.equal(slept.length, MAX_SOAK_WAITS);
    assert.deepEqual(messages, [
      'Nothing was applied: Ring 1 waits for ring 0: target "canary" (environment "canary") has been healthy at bbbbbbb for 0ms of the 10m0s soak.',
    ]);
  });

  it('refuses when it cannot read the deployments: without a token, or with one GitHub refuses', async () => {
    const none = await ringGate('production', production, SHA, { logger: new RecordingLogger() });
    assert.match(none[0]?.message ?? '', /set the input 'github-token'/);
    const { api: badApi } = standInClients(() => server, 'ghs_wrongToken000000000000000000000000');
    const refused = await ringGate('production', production, SHA, { github: badApi(), logger: new RecordingLogger() });
    assert.match(refused[0]?.message ?? '', /could not be read \(the token needs `deployments: read`\)/);
  });

  it('the first ring waits for nobody and reads nothing', async () => {
    const before = server.requests.length;
    assert.deepEqual(await ringGate('canary', { ring: '0', before: [], soakMs: 600_000 }, SHA, { logger: new RecordingLogger() }), []);
    assert.equal(server.requests.length, before);
  });
});
