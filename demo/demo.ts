// npm run demo: what a newcomer sees. A local cluster, a repository with manifests, and
// dist/index.js run as the runner runs it: a pull request gets its plan comment, the merge is
// applied, then a revert rolls it back. The cluster state is printed after every step.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startGitHubApiServer } from '../test/support/github-api-server.js';
import { GitRepo } from '../test/support/git-repo.js';
import { pullRequestPayload, pushPayload, runAction, type ActionRun } from '../test/support/run-action.js';
import { testCluster } from '../test/support/test-cluster.js';

const TOKEN = 'ghs_demoToken0000000000000000000000000';
const NS = 'demo-shop';
const out = path.resolve('demo-output');

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: storefront
spec:
  replicas: 2
  selector:
    matchLabels: {app: storefront}
  template:
    metadata:
      labels: {app: storefront}
    spec:
      containers:
      - name: storefront
        image: ${image}
        envFrom:
        - secretRef: {name: storefront-db}
`;
const settings = `apiVersion: v1
kind: ConfigMap
metadata:
  name: storefront-settings
data:
  currency: EUR
`;
const secret = (password: string) => `apiVersion: v1
kind: Secret
metadata:
  name: storefront-db
stringData:
  DB_PASSWORD: ${password}
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: storefront
spec:
  selector: {app: storefront}
  ports:
  - port: 80
    targetPort: 8080
`;

function banner(text: string): void {
  process.stdout.write(`\n\x1b[1m=== ${text} ===\x1b[0m\n`);
}

function check(run: ActionRun, what: string): void {
  if (run.code !== 0) {
    process.stdout.write(run.stdout);
    throw new Error(`${what} failed (exit ${run.code})`);
  }
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  banner('Starting the local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok)');
  const cluster = await testCluster();
  await cluster.kubectl(['delete', 'namespace', NS, '--ignore-not-found', '--wait=true']);
  const repo = new GitRepo();
  const github = await startGitHubApiServer({ token: TOKEN, compare: (base, head) => repo.compare(base, head) });
  const inputs = { path: 'deploy', namespace: NS, name: 'production', kubeconfig: cluster.kubeconfigText, 'github-token': TOKEN, timeout: '2m' };
  const show = async () =>
    process.stdout.write(
      await cluster.kubectl(['get', 'deployments,services,configmaps,secrets', '-n', NS, '-l', 'applyset.kubernetes.io/part-of', '-o', 'wide']),
    );
  try {
    repo.write('deploy/namespace.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n`);
    repo.write('deploy/storefront.yaml', [deployment('registry.example/storefront:1.4.0'), settings, secret('s3cr3t-initial-password')].join('---\n'));
    const shaA = repo.commit('storefront 1.4.0');
    banner(`Push to main (${shaA.slice(0, 7)}): apply`);
    const first = await runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: shaA }),
      workspace: repo.dir,
      sha: shaA,
      apiUrl: github.url,
      inputs,
    });
    check(first, 'the first apply');
    await show();

    repo.git('checkout', '-q', '-b', 'release-1.5');
    repo.write('deploy/storefront.yaml', [deployment('registry.example/storefront:1.5.0'), secret('s3cr3t-rotated-password'), service].join('---\n'));
    const shaB = repo.commit('storefront 1.5.0: a Service, settings moved into the image, rotated password');
    banner(`Pull request #12 (${shaB.slice(0, 7)}): plan, posted as a sticky comment`);
    const plan = await runAction({
      event: 'pull_request',
      payload: pullRequestPayload({ number: 12, baseSha: shaA, headSha: shaB }),
      workspace: repo.dir,
      sha: shaB,
      apiUrl: github.url,
      inputs,
    });
    check(plan, 'the plan');
    const comment = github.comments.find((c) => c.issueNumber === 12)?.body ?? '(no comment posted)';
    writeFileSync(path.join(out, 'pr-comment.md'), comment);
    process.stdout.write(`${comment}\n`);
    process.stdout.write(`\n(written to ${path.join(out, 'pr-comment.md')}; outputs: ${JSON.stringify(plan.outputs)})\n`);

    repo.git('checkout', '-q', 'master');
    repo.git('merge', '-q', '--ff-only', 'release-1.5');
    banner(`Merge to main (${shaB.slice(0, 7)}): apply, prune, wait`);
    check(
      await runAction({ event: 'push', payload: pushPayload({ before: shaA, after: shaB }), workspace: repo.dir, sha: shaB, apiUrl: github.url, inputs }),
      'the merge apply',
    );
    await show();

    repo.git('revert', '--no-edit', shaB);
    const shaRevert = repo.git('rev-parse', 'HEAD');
    banner(`git revert ${shaB.slice(0, 7)} pushed (${shaRevert.slice(0, 7)}): the previous state comes back`);
    const revert = await runAction({
      event: 'push',
      payload: pushPayload({ before: shaB, after: shaRevert }),
      workspace: repo.dir,
      sha: shaRevert,
      apiUrl: github.url,
      inputs,
    });
    check(revert, 'the revert apply');
    await show();
    writeFileSync(path.join(out, 'revert-summary.md'), revert.summary);
    banner('Done');
    process.stdout.write(`The cluster keeps running: kubectl --kubeconfig ${cluster.state.kubeconfig} get all -n ${NS}\nStop it with: npm run cluster:down\n`);
  } finally {
    await github.stop();
    repo.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
