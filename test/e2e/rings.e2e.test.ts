// Rings end to end, through dist/index.js as the ring workflow of docs/fleets.md runs it: a canary
// (ring 0) on one control plane and production (ring 1) on another, each applying a merge with
// `target:` from the targets file, the GitHub stand-in shared as GitHub is. A healthy canary lets
// production apply; a canary whose rollout never becomes healthy leaves production untouched: its
// API server is not even connected to (production's kubeconfig points through a counting TCP relay),
// no write of any verb reaches it (its own request metrics), every resourceVersion stays as it was,
// and the report names the ring, the target and the reason.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { secondTestCluster, testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eRingsToken000000000000000000000';

const configMap = (name: string, version: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  version: "${version}"\n`;

/** A Deployment that becomes available on the main plane's fake nodes, or (`broken`) never: no node matches it. */
const web = (version: string, broken: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      ${broken ? "nodeSelector: {kube-gitops.test/no-such-node: 'true'}" : 'tolerations: []'}
      containers: [{name: app, image: "registry.example/web:${version}"}]
`;

/** A TCP relay to `port` on 127.0.0.1 that counts the connections made through it. */
async function countingRelay(port: number): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the relay has no port');
  return {
    port: address.port,
    connections: () => connections,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes an API server has served since it started, by verb and resource (every verb that writes; dry-run or not). */
async function writesServed(cluster: TestCluster): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const line of (await cluster.kubectl(['get', '--raw', '/metrics'])).split('\n')) {
    const m = /^apiserver_request_total\{(.*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const labels = new Map([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    const verb = labels.get('verb') ?? '';
    if (!['APPLY', 'PATCH', 'CREATE', 'UPDATE', 'DELETE', 'DELETECOLLECTION'].includes(verb)) continue;
    // The API server renews its own identity Lease in kube-system by itself.
    if (labels.get('resource') === 'leases' && verb === 'UPDATE') continue;
    const key = `${verb} ${labels.get('resource') ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(m[2]));
  }
  return counts;
}

describe('rings: production applies a commit only once the canary has it healthy (dist/index.js end to end)', () => {
  let canaryPlane: TestCluster;
  let productionPlane: TestCluster;
  let relay: Awaited<ReturnType<typeof countingRelay>>;
  let repo: GitRepo;
  let github: GitHubApiServer;
  const ns = { canary: uniqueName('ring-canary'), production: uniqueName('ring-prod') };
  let productionKubeconfig = '';
  /** Each commit's merged pull request. */
  const merged = new Map<string, number>();
  /** Each commit's apply runs, for the rollout step that gathers their plan files. */
  const applies = new Map<string, ActionRun[]>();

  before(async () => {
    [canaryPlane, productionPlane] = await Promise.all([testCluster(), secondTestCluster()]);
    await canaryPlane.kubectl(['create', 'namespace', ns.canary]);
    await productionPlane.kubectl(['create', 'namespace', ns.production]);
    const server = new URL(productionPlane.state.server);
    relay = await countingRelay(Number(server.port));
    productionKubeconfig = productionPlane.kubeconfigText.replace(productionPlane.state.server, `https://127.0.0.1:${relay.port}`);
    assert.notEqual(productionKubeconfig, productionPlane.kubeconfigText, 'the kubeconfig names the server as the state does');
    repo = new GitRepo();
    github = await startGitHubApiServer({
      token: TOKEN,
      compare: (base, head) => repo.compare(base, head),
      pulls: (sha) => [...merged].filter(([s]) => s === sha).map(([, number]) => ({ number, state: 'closed', merged_at: '2026-12-07T12:00:00Z' })),
    });
    repo.write(
      'kube-gitops.yaml',
      [
        'targets:',
        '  - name: canary',
        '    path: canary',
        `    namespace: ${ns.canary}`,
        '    ring: 0',
        '    environment: canary',
        '    timeout: 5s',
        '  - name: production',
        '    path: production',
        `    namespace: ${ns.production}`,
        '    ring: 1',
        '    environment: production',
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    await relay?.close();
    await github?.stop();
    repo?.cleanup();
    await canaryPlane?.kubectl(['delete', 'namespace', ns.canary, '--wait=false', '--ignore-not-found']);
    await productionPlane?.kubectl(['delete', 'namespace', ns.production, '--wait=false', '--ignore-not-found']);
  });

  /** Commits version `version` of both targets' manifests; the canary's rollout broken when asked. */
  function commit(version: string, broken = false): string {
    repo.write('canary/app.yaml', `${configMap('settings', version)}---\n${web(version, broken)}`);
    repo.write('production/app.yaml', configMap('settings', version));
    return repo.commit(`version ${version}`);
  }

  async function push(sha: string, target: 'canary' | 'production'): Promise<ActionRun> {
    repo.git('checkout', '-q', sha);
    const run = await runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { 'github-token': TOKEN, target, kubeconfig: target === 'canary' ? canaryPlane.kubeconfigText : productionKubeconfig },
    });
    applies.set(sha, [...(applies.get(sha) ?? []), run]);
    return run;
  }

  /** The workflow's last job: the apply jobs' plan files downloaded as download-artifact lays them out, then `mode: fleet`. */
  function rollout(sha: string): Promise<ActionRun> {
    repo.git('checkout', '-q', sha);
    const plans = mkdtempSync(path.join(repo.dir, 'plans-'));
    for (const [i, run] of (applies.get(sha) ?? []).entries()) {
      const file = run.outputs['plan-file'];
      assert.ok(file, run.stdout);
      mkdirSync(path.join(plans, `plan-${i}`));
      copyFileSync(file, path.join(plans, `plan-${i}`, path.basename(file)));
    }
    return runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { 'github-token': TOKEN, mode: 'fleet', plans: path.basename(plans) },
    });
  }

  const rolloutComments = (number: number) => github.comments.filter((c) => c.issueNumber === number && c.body.startsWith('<!-- kube-gitops:rollout -->\n'));

  const productionVersions = () =>
    productionPlane.kubectl([
      'get',
      'configmaps,secrets,leases',
      '-n',
      ns.production,
      '-o',
      'jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion} {end}',
    ]);

  let first = '';

  it('a healthy canary lets production apply the commit', async () => {
    first = commit('1');
    merged.set(first, 1);
    const canary = await push(first, 'canary');
    assert.equal(canary.code, 0, canary.stdout);
    const production = await push(first, 'production');
    assert.equal(production.code, 0, production.stdout);
    assert.match(production.stdout, /Ring 1: production goes ahead; every target of ring 0 has \w{7} applied and healthy\./);
    assert.ok(relay.connections() > 0, 'production was reached through the relay');
    assert.equal(await productionPlane.kubectl(['get', 'configmap', 'settings', '-n', ns.production, '-o', 'jsonpath={.data.version}']), '1');
    const recorded = github.deployments.deployments.filter((d) => d.environment === 'production' && d.sha === first);
    assert.deepEqual(
      recorded.map((d) => d.statuses.at(-1)?.state),
      ['success'],
    );
    const report = await rollout(first);
    assert.equal(report.code, 0, report.stdout);
    const [comment, ...more] = rolloutComments(1);
    assert.equal(more.length, 0);
    assert.match(comment?.body ?? '', new RegExp(`### ✅ Rolled out \\[\`${first.slice(0, 7)}\`\\]\\(.*\\) to all 2 targets`));
    assert.match(comment?.body ?? '', /#### Ring 0\n[^#]*\| `canary` \| `canary` \| ✅ applied, healthy \| Applied: 2 written, 0 pruned/);
    assert.match(comment?.body ?? '', /#### Ring 1\n[^#]*\| `production` \| `production` \| ✅ applied, healthy \| Applied: 1 written, 0 pruned/);
  });

  it('a canary whose rollout never becomes healthy leaves production with zero writes, and the report names the ring and the reason', async () => {
    const second = commit('2', true);
    merged.set(second, 2);
    const canary = await push(second, 'canary');
    assert.notEqual(canary.code, 0, 'the canary never becomes healthy');
    const canaryDeployment = github.deployments.deployments.filter((d) => d.environment === 'canary' && d.sha === second);
    assert.deepEqual(
      canaryDeployment.map((d) => d.statuses.at(-1)?.state),
      ['failure'],
    );

    const versions = await productionVersions();
    const writes = await writesServed(productionPlane);
    const connections = relay.connections();
    const production = await push(second, 'production');

    assert.equal(production.code, 1, production.stdout);
    const reason = `Ring 1 waits for ring 0: target "canary" (environment "canary") its last deployment, of ${second.slice(0, 7)}, ended in failure`;
    assert.ok(production.stdout.includes(`::error::Nothing was applied: ${reason}`), production.stdout);
    assert.ok(production.summary.includes(reason), production.summary);
    assert.equal(relay.connections(), connections, "production's API server was not connected to");
    assert.deepEqual(await writesServed(productionPlane), writes, 'no write of any verb reached production');
    assert.equal(await productionVersions(), versions, 'every resourceVersion in production is unchanged');
    assert.equal(await productionPlane.kubectl(['get', 'configmap', 'settings', '-n', ns.production, '-o', 'jsonpath={.data.version}']), '1');
    assert.equal(
      github.deployments.deployments.filter((d) => d.environment === 'production' && d.sha === second).length,
      0,
      'no deployment of it to production',
    );

    const report = await rollout(second);
    assert.equal(report.code, 1, 'the rollout step fails: not every target has the commit');
    const body = rolloutComments(2)[0]?.body ?? '';
    assert.match(body, new RegExp(`### ⛔ The rollout of \\[\`${second.slice(0, 7)}\`\\]\\(.*\\) stopped at ring 0\n\n0 of 2 targets applied and healthy\\.`));
    assert.match(body, /\| `canary` \| `canary` \| ❌ failed \| Applied, not healthy: 2 written, 0 pruned, 1 not healthy/);
    assert.ok(body.includes(`| \`production\` | \`production\` | ⛔ stopped, nothing written | Nothing was applied: ${reason}`), body);
    assert.equal(report.summary.trim(), body.trim(), 'the job summary holds the same rollout');
  });
});
