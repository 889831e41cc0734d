// Issue 12, class 2: credentials never reach an output through an error path, and only a network
// failure makes a pull request's plan fall back to the git diff. Real HTTPS servers on 127.0.0.1
// (certificates made by openssl), real exec plugin scripts, the real kustomize/kubectl; plan mode
// is driven through runPlanMode, and every output is read back: the log, the step outputs, the
// summary, the plan file and the posted comment.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ModeDeps } from '../../../src/action/mode-deps.js';
import { runPlanMode } from '../../../src/action/plan-mode.js';
import type { GitHubEvent } from '../../../src/action/github-event.js';
import { K8sClient } from '../../../src/cluster/k8s-client.js';
import { ConfigurationError, ManifestError } from '../../../src/model/errors.js';
import type { GitHubApi, GitHubIdentity, IssueComment } from '../../../src/github/github-port.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { HIDDEN, SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { kubeconfigSecrets } from '../../../src/settings/kubeconfig-secrets.js';
import { testSettings } from '../../support/test-settings.js';
import { closedPort, kubeconfigFor, makeTestPki, startHttpsServer, type TestHttpsServer, type TestPki } from '../../support/tls-servers.js';

const STDERR_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.stderr-token-5ecret-0451';
const BARE_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.bare-token-5ecret-9931';
const KUBECONFIG_TOKEN = 'kubeconfig-bearer-5ecret-7788';
const URL_PASSWORD = 's3cretpass';
const LITERAL = 's3cr3tLiteral99';

const root = mkdtempSync(path.join(os.tmpdir(), 'kg-adversarial-'));
const files = { summary: path.join(root, 'summary.md'), output: path.join(root, 'output'), runnerTemp: path.join(root, 'runner-temp') };

/** A pull request event without a base commit: a git-diff fallback compares against nothing. */
const event: GitHubEvent = {
  name: 'pull_request',
  payload: {},
  sha: 'a'.repeat(40),
  ref: 'refs/pull/7/merge',
  owner: 'octo',
  repo: 'app',
  apiUrl: 'https://api.github.invalid',
  serverUrl: 'https://github.invalid',
  pullRequest: { number: 7, baseSha: '', headSha: 'a'.repeat(40), headRepoFork: false },
};

const notUsed = (): never => {
  throw new Error('not used');
};

class RecordingGitHub implements GitHubApi {
  readonly bodies: string[] = [];
  async viewer(): Promise<GitHubIdentity> {
    return { login: 'github-actions[bot]', id: 41898282 };
  }
  async listIssueComments(): Promise<IssueComment[]> {
    return [];
  }
  async createIssueComment(_issue: number, body: string): Promise<IssueComment> {
    this.bodies.push(body);
    return {
      id: this.bodies.length,
      body,
      url: `https://github.invalid/c/${this.bodies.length}`,
      authorType: 'Bot',
      authorLogin: 'github-actions[bot]',
      authorId: 41898282,
    };
  }
  updateIssueComment(): Promise<IssueComment> {
    throw new Error('not used');
  }
  pullRequestsForCommit(): never {
    throw new Error('not used');
  }
  compareCommits(): never {
    throw new Error('not used');
  }
  listCommitsBetween(): never {
    throw new Error('not used');
  }
  commitVerification(): never {
    throw new Error('not used');
  }
  listPullRequestFiles(): never {
    throw new Error('not used');
  }
  listIssues(): never {
    throw new Error('not used');
  }
  createIssue(): never {
    throw new Error('not used');
  }
  updateIssue(): never {
    throw new Error('not used');
  }
  setOwnLabels(): never {
    throw new Error('not used');
  }
  // A plan never records deployments.
  listDeployments = notUsed;
  createDeployment = notUsed;
  listDeploymentStatuses = notUsed;
  createDeploymentStatus = notUsed;
  // Nor reads a run's approvals.
  listRunApprovals = notUsed;
  // Nor a preview's opt-in label.
  listIssueLabels = notUsed;
  listLabelEvents = notUsed;
  repositoryPermission = notUsed;
  // Nor a pull request's state (the preview sweep's).
  pullRequest = notUsed;
}

interface PlanRun {
  error: unknown;
  logger: RecordingLogger;
  comments: string[];
  redactor: SecretRedactor;
  /** Everything published: log lines, outputs, summary, plan file, comments and the error's message. */
  published: string;
}

/** Plan mode as main.ts wires it: the kubeconfig's secrets and exec plugin output go to the run's redactor. */
async function plan(kubeconfig: string | undefined, workspace = emptyWorkspace(), paths = ['.']): Promise<PlanRun> {
  const logger = new RecordingLogger();
  const github = new RecordingGitHub();
  const redactor = new SecretRedactor();
  if (kubeconfig) redactor.add(kubeconfigSecrets(kubeconfig));
  let client: K8sClient | undefined;
  const deps: ModeDeps = {
    logger,
    github,
    redactor,
    env: { RUNNER_TEMP: files.runnerTemp },
    makeClient: () => (client ??= new K8sClient({ kubeconfig: kubeconfig ?? '', maxAttempts: 2, onSecrets: (v) => redactor.add(v) })),
  };
  const settings = testSettings({
    mode: 'plan',
    paths,
    target: 'web',
    wait: false,
    timeoutMs: 60_000,
    concurrency: 4,
    workspace,
    ...(kubeconfig ? { kubeconfig } : {}),
  });
  let error: unknown;
  try {
    await runPlanMode(settings, event, deps);
  } catch (e) {
    error = e;
  } finally {
    await client?.close();
  }
  const planFiles = readdirSync(files.runnerTemp).map((f) => readFileSync(path.join(files.runnerTemp, f), 'utf8'));
  const published = [
    ...logger.messages(),
    readFileSync(files.output, 'utf8'),
    readFileSync(files.summary, 'utf8'),
    ...planFiles,
    ...github.bodies,
    error instanceof Error ? error.message : '',
  ].join('\n');
  return { error, logger, comments: github.bodies, redactor, published };
}

function emptyWorkspace(): string {
  const dir = mkdtempSync(path.join(root, 'ws-'));
  writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n');
  return dir;
}

function execPlugin(name: string, script: string): string {
  const file = path.join(root, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

function assertNoFallback(run: PlanRun): void {
  assert.equal(run.logger.hasMessage('could not be reached'), false, 'no git-diff fallback');
  assert.deepEqual(run.comments, [], 'no plan comment pretending to be a plan');
}

/** A configuration error naming the kubeconfig input: the user's to fix, not a failure to retry or fall back from. */
function assertKubeconfigError(error: unknown): asserts error is ConfigurationError {
  assert.ok(error instanceof ConfigurationError, String(error));
  assert.equal(error.input, 'kubeconfig');
}

function assertAbsent(text: string, ...values: string[]): void {
  for (const v of values) {
    assert.equal(text.includes(v), false, `${v} is published`);
    assert.equal(text.includes(Buffer.from(v).toString('base64')), false, `${v} is published in base64`);
  }
}

function unauthorized(_req: unknown, res: ServerResponse): void {
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
}

describe('credentials on error paths, and when a plan may fall back to the git diff', () => {
  let pki: TestPki;
  let server: TestHttpsServer;
  let otherHost: TestHttpsServer;
  const ca = () => Buffer.from(pki.caPem).toString('base64');
  before(async () => {
    pki = makeTestPki();
    server = await startHttpsServer(pki.server, unauthorized);
    otherHost = await startHttpsServer(pki.otherHost, unauthorized);
    process.env.GITHUB_STEP_SUMMARY = files.summary;
    process.env.GITHUB_OUTPUT = files.output;
  });
  after(async () => {
    await server.close();
    await otherHost.close();
    delete process.env.GITHUB_STEP_SUMMARY;
    delete process.env.GITHUB_OUTPUT;
  });
  beforeEach(() => {
    writeFileSync(files.summary, '');
    writeFileSync(files.output, '');
    mkdirSync(files.runnerTemp, { recursive: true });
    for (const f of readdirSync(files.runnerTemp)) writeFileSync(path.join(files.runnerTemp, f), '');
  });

  it('falls back to the git diff when nothing listens, and never shows the password of the server URL', async () => {
    const port = await closedPort();
    const run = await plan(
      kubeconfigFor(`{server: "https://user:${URL_PASSWORD}@127.0.0.1:${port}", certificate-authority-data: ${ca()}}`, `{token: ${KUBECONFIG_TOKEN}}`),
    );
    assert.equal(run.error, undefined);
    assert.ok(
      run.logger.messages('warning').some((m) => m.includes('could not be reached') && m.includes(`https://127.0.0.1:${port}`) && m.includes('ECONNREFUSED')),
      run.logger.messages('warning').join('\n'),
    );
    assert.equal(run.comments.length, 1);
    assert.match(run.comments[0] ?? '', /could not be reached/);
    assertAbsent(run.published, URL_PASSWORD, `user:${URL_PASSWORD}`, KUBECONFIG_TOKEN);
  });

  it('registers the userinfo of server and proxy URLs as kubeconfig secrets', () => {
    const secrets = kubeconfigSecrets(
      kubeconfigFor(`{server: "https://user:${URL_PASSWORD}@127.0.0.1:6443", proxy-url: "http://proxyuser:pr0xy-pass@10.0.0.1:3128"}`, '{}'),
    );
    for (const v of [URL_PASSWORD, `user:${URL_PASSWORD}`, 'pr0xy-pass', 'proxyuser:pr0xy-pass']) assert.ok(secrets.includes(v), `${v} is registered`);
  });

  it('fails the plan with a configuration error when the server certificate comes from another CA', async () => {
    const run = await plan(
      kubeconfigFor(`{server: "${server.url}", certificate-authority-data: ${Buffer.from(pki.otherCaPem).toString('base64')}}`, `{token: ${KUBECONFIG_TOKEN}}`),
    );
    assertKubeconfigError(run.error);
    assert.match(run.error.message, /not signed by a certificate authority the kubeconfig trusts/);
    assert.match(run.error.message, /cluster 'prod'/);
    assert.match(run.error.message, /certificate-authority-data/);
    assertNoFallback(run);
  });

  it('fails the plan with a configuration error when the certificate is for another host name', async () => {
    const run = await plan(kubeconfigFor(`{server: "${otherHost.url}", certificate-authority-data: ${ca()}}`, `{token: ${KUBECONFIG_TOKEN}}`));
    assertKubeconfigError(run.error);
    assert.match(run.error.message, /not issued for this host name \(ERR_TLS_CERT_ALTNAME_INVALID\).*tls-server-name/);
    assertNoFallback(run);
  });

  it('fails the plan on a 401 naming the kubeconfig user and that its token may have expired', async () => {
    const run = await plan(kubeconfigFor(`{server: "${server.url}", certificate-authority-data: ${ca()}}`, `{token: ${KUBECONFIG_TOKEN}}`));
    assertKubeconfigError(run.error);
    assert.match(
      run.error.message,
      /rejected the credentials of user 'ci-deployer' \(context 'prod-ci', a bearer token\) \(401 Unauthorized\): the token may have expired/,
    );
    assertNoFallback(run);
    assertAbsent(run.published, KUBECONFIG_TOKEN);
    assert.equal(server.authorizations.at(-1), `Bearer ${KUBECONFIG_TOKEN}`, 'the token was sent');
  });

  it('fails the plan on a 403 for discovery naming the kubeconfig user, instead of falling back', async () => {
    const forbidden = await startHttpsServer(pki.server, (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Forbidden',
          code: 403,
          message: 'forbidden: User "system:anonymous" cannot get path "/api"',
        }),
      );
    });
    try {
      const run = await plan(kubeconfigFor(`{server: "${forbidden.url}", certificate-authority-data: ${ca()}}`, '{}'));
      assertKubeconfigError(run.error);
      assert.match(
        run.error.message,
        /refused user 'ci-deployer' \(context 'prod-ci', no credentials: anonymous\) even its discovery documents \(403 Forbidden: forbidden: User "system:anonymous"/,
      );
      assertNoFallback(run);
    } finally {
      await forbidden.close();
    }
  });

  it('fails the plan when an exec plugin fails, naming the command and its exit code, never its output', async () => {
    const plugin = execPlugin('failing-plugin', `echo "error: refreshing ${STDERR_TOKEN} was refused" >&2\necho "${STDERR_TOKEN}"\nexit 3`);
    const run = await plan(
      kubeconfigFor(
        `{server: "${server.url}", certificate-authority-data: ${ca()}}`,
        `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${plugin}", interactiveMode: Never}}`,
      ),
    );
    assertKubeconfigError(run.error);
    assert.match(run.error.message, /exec credential plugin `.*failing-plugin` of user 'ci-deployer' failed with exit code 3; its output is withheld/);
    assertNoFallback(run);
    assertAbsent(run.published, STDERR_TOKEN, STDERR_TOKEN.slice(0, 10));
    assert.equal(run.redactor.redactString(`x ${STDERR_TOKEN} y`), `x ${HIDDEN} y`, "what the plugin printed is registered with the run's redactor");
  });

  it('fails the plan when an exec plugin prints a bare token instead of ExecCredential JSON, without quoting any of it', async () => {
    const plugin = execPlugin('bare-token-plugin', `echo "${BARE_TOKEN}"`);
    const run = await plan(
      kubeconfigFor(
        `{server: "${server.url}", certificate-authority-data: ${ca()}}`,
        `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${plugin}"}}`,
      ),
    );
    assertKubeconfigError(run.error);
    assert.match(run.error.message, /bare-token-plugin` of user 'ci-deployer' exited successfully but did not print ExecCredential JSON/);
    assertNoFallback(run);
    assertAbsent(run.published, BARE_TOKEN, BARE_TOKEN.slice(0, 10));
    assert.equal(run.redactor.redactString(BARE_TOKEN), HIDDEN);
  });

  it('fails the plan when the exec plugin is not installed', async () => {
    const run = await plan(
      kubeconfigFor(
        `{server: "${server.url}", certificate-authority-data: ${ca()}}`,
        '{exec: {apiVersion: client.authentication.k8s.io/v1, command: kube-gitops-no-such-plugin}}',
      ),
    );
    assertKubeconfigError(run.error);
    assert.match(run.error.message, /`kube-gitops-no-such-plugin` of user 'ci-deployer' cannot be started \(command not found on PATH\)/);
    assertNoFallback(run);
  });

  it('fails the plan on a malformed server URL without quoting it', async () => {
    const run = await plan(kubeconfigFor(`{server: "https://user:${URL_PASSWORD}@[::1", certificate-authority-data: ${ca()}}`, '{}'));
    assertKubeconfigError(run.error);
    assert.match(run.error.message, /server URL of cluster 'prod' in the kubeconfig is not a valid URL/);
    assertNoFallback(run);
    assertAbsent(run.published, URL_PASSWORD);
  });

  it('fails the plan on a plain http:// server URL that would send the token unencrypted', async () => {
    const run = await plan(kubeconfigFor(`{server: "http://127.0.0.1:${await closedPort()}"}`, `{token: ${KUBECONFIG_TOKEN}}`));
    assertKubeconfigError(run.error);
    assert.match(run.error.message, /plain http:\/\//);
    assertNoFallback(run);
  });

  it('keeps secretGenerator literals out of a failed kustomize build, also from a referenced base', async () => {
    const ws = mkdtempSync(path.join(root, 'kustomize-'));
    mkdirSync(path.join(ws, 'base'));
    mkdirSync(path.join(ws, 'overlay'));
    writeFileSync(path.join(ws, 'base/kustomization.yaml'), `secretGenerator:\n- name: db\n  literals:\n  - "password ${LITERAL}"\n`);
    writeFileSync(path.join(ws, 'overlay/kustomization.yaml'), 'resources:\n- ../base\n');
    const run = await plan(undefined, ws, ['overlay']);
    assert.ok(run.error instanceof ManifestError, String(run.error));
    assert.match(
      run.error.message,
      /overlay\/kustomization\.yaml:1: kustomize build of 'overlay' failed: `(kustomize build|kubectl kustomize) \S*overlay` exited with 1: .*invalid literal source/,
    );
    assert.match(run.comments[0] ?? '', /invalid literal source/);
    assertAbsent(run.published, LITERAL);
  });
});
