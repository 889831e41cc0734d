// The demo's steps, each what a user meets, through the front ends only (dist/index.js as the runner
// runs it, dist/cli.js as a person does): a push applies what runs; a pull request gets its plan
// comment; the merge is applied and the merged pull request gets its report; a hand edit with kubectl
// is found by the scheduled drift check, which opens an issue; the CLI's plan shows the drift. The
// commits have fixed dates, so their SHAs, and so the comment, are the same on every run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startGitHubApiServer, type GitHubApiServer } from '../test/support/github-api-server.js';
import { GitRepo } from '../test/support/git-repo.js';
import { runCliBundle } from '../test/support/run-cli.js';
import { pullRequestPayload, pushPayload, runAction, schedulePayload, visibleOutputs, type ActionRun } from '../test/support/run-action.js';
import { testCluster, type TestCluster } from '../test/support/test-cluster.js';
import { DEMO_NAMESPACE, NAMESPACE_FILE, copyUserManifests, shopAfter, shopBefore } from './demo-manifests.js';
import { renderPage } from './demo-page.js';
import { describeEdit, firstEditable, handEdit, type EditTarget } from './hand-edit.js';

const TOKEN = 'ghs_demoToken0000000000000000000000000';
const TARGET = 'production';
const PR = 12;
const COMMIT_DATE = '2026-12-01T09:00:00Z';

export interface DemoOptions {
  /** The user's manifests (checked by checkUserPath); the demo's own shop when undefined. */
  userPath?: string;
  /** Where the page and the texts are written. */
  outDir: string;
  /** Where each step's text goes (the terminal). */
  print: (text: string) => void;
}

export interface DemoResult {
  pagePath: string;
  /** The local control plane's kubeconfig, to look at what the demo left running. */
  kubeconfig: string;
  planComment: string;
  mergeReport: string;
  driftIssue: string;
  cliPlan: string;
  /** Everything the runs let anyone read (logs, outputs, summaries, comments, the issue, the CLI), by name. */
  visible: Record<string, string>;
}

/** `run` when it exited 0; else an error with the errors it reported (the runner's `::error` lines), or the end of its log. */
function succeeded(run: ActionRun, what: string): ActionRun {
  if (run.code === 0) return run;
  const log = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  const errors = log.filter((l) => l.startsWith('::error')).map((l) => l.replace(/^::error[^:]*::/, ''));
  throw new Error(`${what} failed (exit ${run.code}): ${errors.length > 0 ? errors.join('; ') : `\n${log.slice(-20).join('\n')}`}`);
}

/** Runs `fn` with git's dates fixed (so the commits' SHAs are), restoring the environment after. */
function withFixedDates<T>(fn: () => T): T {
  const saved = { a: process.env.GIT_AUTHOR_DATE, c: process.env.GIT_COMMITTER_DATE };
  process.env.GIT_AUTHOR_DATE = COMMIT_DATE;
  process.env.GIT_COMMITTER_DATE = COMMIT_DATE;
  try {
    return fn();
  } finally {
    if (saved.a === undefined) delete process.env.GIT_AUTHOR_DATE;
    else process.env.GIT_AUTHOR_DATE = saved.a;
    if (saved.c === undefined) delete process.env.GIT_COMMITTER_DATE;
    else process.env.GIT_COMMITTER_DATE = saved.c;
  }
}

/** Writes `files` (path → text) into the repository and commits them. */
function commitFiles(repo: GitRepo, files: Record<string, string>, message: string): string {
  for (const [file, text] of Object.entries(files)) repo.write(file, text);
  return withFixedDates(() => repo.commit(message));
}

/** The object the hand edit changes: the shop's settings, or the first editable one of the user's. */
async function editTarget(cluster: TestCluster, repo: GitRepo, userPath: string | undefined): Promise<EditTarget | undefined> {
  if (!userPath) return { kind: 'ConfigMap', namespace: DEMO_NAMESPACE, name: 'storefront-settings' };
  try {
    return firstEditable(await cluster.kubectl(['get', '-f', path.join(repo.dir, 'deploy/user'), '-R', '-n', DEMO_NAMESPACE, '-o', 'json']));
  } catch {
    return undefined;
  }
}

/** Runs every step against the local control plane and writes the page; returns what each surface showed. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { print } = options;
  const banner = (text: string) => print(`\n\x1b[1m=== ${text} ===\x1b[0m\n`);
  banner('Starting the local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok)');
  const cluster = await testCluster();
  await cluster.kubectl(['delete', 'namespace', DEMO_NAMESPACE, '--ignore-not-found', '--wait=true']);
  const repo = new GitRepo();
  let mergeSha = '';
  const github: GitHubApiServer = await startGitHubApiServer({
    token: TOKEN,
    compare: (base, head) => repo.compare(base, head),
    pulls: (sha) => (sha === mergeSha ? [{ number: PR, state: 'closed', merged_at: COMMIT_DATE, head: { sha } }] : []),
  });
  const inputs = { path: 'deploy', namespace: DEMO_NAMESPACE, name: TARGET, kubeconfig: cluster.kubeconfigText, 'github-token': TOKEN, timeout: '2m' };
  const action = (event: 'push' | 'pull_request' | 'schedule', payload: Record<string, unknown>, sha: string, extra: Record<string, string> = {}) =>
    runAction({ event, payload, workspace: repo.dir, sha, apiUrl: github.url, inputs: { ...inputs, ...extra } });
  const visible: Record<string, string> = {};
  const record = (name: string, run: ActionRun) => {
    for (const [k, v] of Object.entries(visibleOutputs(run, []))) visible[`${name} ${k}`] = v;
  };
  try {
    const shaA = commitFiles(repo, { [NAMESPACE_FILE.file]: NAMESPACE_FILE.text, ...(options.userPath ? {} : shopBefore()) }, 'what runs today');
    banner(`Push to main (${shaA.slice(0, 7)}): apply what runs today`);
    record('first apply', succeeded(await action('push', pushPayload({ before: '0'.repeat(40), after: shaA }), shaA), 'the first apply'));

    repo.git('checkout', '-q', '-b', 'change');
    if (options.userPath) copyUserManifests(options.userPath, repo.dir);
    const shaB = commitFiles(repo, options.userPath ? {} : shopAfter(), options.userPath ? 'your manifests' : 'storefront 1.5.0');
    banner(`Pull request #${PR} (${shaB.slice(0, 7)}): the plan, posted as a sticky comment`);
    record('plan', succeeded(await action('pull_request', pullRequestPayload({ number: PR, baseSha: shaA, headSha: shaB }), shaB), 'the plan'));
    const planComment = github.comments.find((c) => c.issueNumber === PR && c.body.startsWith('<!-- kube-gitops:plan'))?.body ?? '';
    print(`${planComment}\n`);

    repo.git('checkout', '-q', 'master');
    repo.git('merge', '-q', '--ff-only', 'change');
    mergeSha = shaB;
    banner(`Merge of #${PR} (${shaB.slice(0, 7)}): apply, prune, wait, and a report on the pull request`);
    record('merge apply', succeeded(await action('push', pushPayload({ before: shaA, after: shaB }), shaB), 'the merge apply'));
    const mergeReport = github.comments.find((c) => c.issueNumber === PR && c.body.startsWith('<!-- kube-gitops:apply'))?.body ?? '';
    print(`${mergeReport}\n`);
    print(await cluster.kubectl(['get', 'all,configmaps,secrets', '-n', DEMO_NAMESPACE, '-l', 'applyset.kubernetes.io/part-of']));

    const target = await editTarget(cluster, repo, options.userPath);
    let driftIssue = '';
    if (target) {
      banner(`A hand edit: ${describeEdit(target)}; then the scheduled drift check`);
      await handEdit(cluster.state, target);
      record('drift check', succeeded(await action('schedule', schedulePayload(), shaB, { mode: 'drift' }), 'the drift check'));
      driftIssue = github.issues.issues.map((i) => `#${i.number} ${i.title}\n\n${i.body}`).join('\n\n');
      print(`${driftIssue}\n`);
    } else print('\n(no ConfigMap with data or Deployment among the manifests to edit by hand: the drift step is left out)\n');

    banner(`The command line: kube-gitops plan -f deploy -n ${DEMO_NAMESPACE} --name ${TARGET}`);
    const cli = await runCliBundle(['plan', '-f', 'deploy', '-n', DEMO_NAMESPACE, '--name', TARGET, '--kubeconfig', cluster.state.kubeconfig], {
      cwd: repo.dir,
    });
    if (cli.code !== 0) throw new Error(`kube-gitops plan failed (exit ${cli.code}): ${cli.stderr}`);
    const cliPlan = `${cli.stdout}${cli.stderr}`;
    print(cliPlan);
    Object.assign(visible, { 'plan comment': planComment, 'merge report': mergeReport, 'drift issue': driftIssue, 'cli plan': cliPlan });

    const pagePath = path.join(options.outDir, 'demo.html');
    writeFileSync(pagePath, renderPage('kube-gitops demo: what a user sees', sections({ planComment, mergeReport, driftIssue, cliPlan })));
    return { pagePath, kubeconfig: cluster.state.kubeconfig, planComment, mergeReport, driftIssue, cliPlan, visible };
  } finally {
    await github.stop();
    repo.cleanup();
  }
}

/** The page's sections, in the order a user meets them. */
function sections(texts: { planComment: string; mergeReport: string; driftIssue: string; cliPlan: string }) {
  return [
    { title: `Pull request #${PR}: the plan comment`, caption: 'Posted by the pull_request run, updated in place on every push.', markdown: texts.planComment },
    { title: `Pull request #${PR} after the merge: the report`, caption: 'Posted by the push run that applied the merge.', markdown: texts.mergeReport },
    {
      title: 'The drift issue',
      caption: 'Opened by the scheduled run (mode: drift) after a kubectl edit.',
      markdown: texts.driftIssue || '_No hand edit was made._',
    },
    { title: 'The command line: kube-gitops plan', caption: 'dist/cli.js in the checkout, as printed to a terminal.', terminal: texts.cliPlan },
  ];
}
