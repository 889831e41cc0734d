// Issue 12, class 1 end to end: dist/index.js on a pull_request payload, against the local control
// plane and the strict GitHub stand-in, with Secrets whose values are copied into other objects in
// every way that once leaked. Every output is searched for every value, plain and in base64.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { adversarialCopies, adversarialSecrets, asYaml, READABLE, SECRET_VALUES } from '../support/adversarial-secrets.js';
import { pullRequestPayload, runAction, visibleOutputs, type ActionRun } from '../support/run-action.js';
import { leaksIn } from '../support/secret-leaks.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eAdversarialSecrets000000000000000';
/** Every value but the two also written as a key and an object name: those are public there (src/redaction/public-text.ts). */
const { mapKey: _key, objectName: _name, ...hidden } = SECRET_VALUES;
const values = Object.values(hidden);

/** Every output of a run (run-action.ts), which must include the plan file. */
function everyOutput(run: ActionRun, github: GitHubApiServer): Record<string, string> {
  assert.ok(run.outputs['plan-file'], 'no plan-file output');
  return visibleOutputs(
    run,
    github.comments.map((c) => c.body),
  );
}

function masks(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length));
}

describe('Secret values under adversarial manifests (dist/index.js end to end)', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  let repo: GitRepo;
  let github: GitHubApiServer;
  let base = '';
  let head = '';

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('e2e-leak');
    github = await startGitHubApiServer({ token: TOKEN });
    repo = new GitRepo();
    repo.write('deploy/base.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n  namespace: ${ns.name}\ndata: {a: "1"}\n`);
    base = repo.commit('base');
    repo.write('deploy/secrets.yaml', asYaml(adversarialSecrets(ns.name)));
    repo.write('deploy/copies.yaml', asYaml(adversarialCopies(ns.name)));
    head = repo.commit('secrets and their copies');
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    await ns.cleanup();
  });

  const plan = (inputs: Record<string, string>) =>
    runAction({
      event: 'pull_request',
      payload: pullRequestPayload({ number: 7, baseSha: base, headSha: head }),
      workspace: repo.dir,
      sha: head,
      apiUrl: github.url,
      inputs: { path: 'deploy', name: 'leak', namespace: ns.name, 'github-token': TOKEN, ...inputs },
    });

  it('plans against the cluster without any value reaching the log, outputs, summary, plan file or comment', async () => {
    const run = await plan({ kubeconfig: c.kubeconfigText });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    assert.equal(github.comments.length, 1);
    for (const [name, text] of Object.entries(everyOutput(run, github))) assert.deepEqual(leaksIn(text, values), [], `the ${name} reveals a value`);
    assert.deepEqual(github.unexpected, []);
  });

  it('keeps the comment readable: unrelated true, 1 and web still show, the object named after a value reads as its name', () => {
    const body = github.comments[0]?.body ?? assert.fail('no comment');
    assert.match(body, /11 create, 0 update, 0 replace, 0 delete, 0 unchanged/);
    assert.ok(body.includes(`readable: ${READABLE}`), 'short Secret values do not hide ordinary words');
    assert.match(body, /\| ConfigMap \| e2e-leak-[0-9a-f]+ \| n4me-leak \|/);
    assert.match(body, /<code>ConfigMap\/e2e-leak-[0-9a-f]+\/n4me-leak<\/code>/);
    assert.match(body, /postgres:\/\/app:\(value hidden\)@db:5432\/shop/);
    assert.match(body, /enabled: \(value hidden, added\)/);
  });

  it('asks the runner to mask no value shorter than 5 characters', async () => {
    const run = await plan({ kubeconfig: c.kubeconfigText });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    const short = masks(run).filter((m) => m.length < 5);
    assert.deepEqual(short, []);
    assert.ok(masks(run).includes(SECRET_VALUES.dockerPassword), 'the runner masks the values too');
  });

  it('without a kubeconfig (the git diff of a fork), lets no value reach any output either', async () => {
    const run = await plan({ kubeconfig: '' });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    assert.match(run.summary, /Not a live diff/);
    for (const [name, text] of Object.entries(everyOutput(run, github))) assert.deepEqual(leaksIn(text, values), [], `the ${name} reveals a value`);
  });
});
