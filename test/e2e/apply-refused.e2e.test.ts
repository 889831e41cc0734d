// dist/index.js on push payloads that must be refused (invalid manifests; a kind the cluster does not
// know): the step fails with one short line, each problem is annotated at its file and line, and the
// job summary, the outputs and the merged pull request's report say what was refused and why.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { leaksIn } from '../support/secret-leaks.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eRefusedToken00000000000000000000';
/** A Secret value that is also the name of two ConfigMaps defined twice: a problem that names it. */
const VALUE = 'leakcheck-7q2w9e4r';

/** Every `::error` line the runner would turn into an annotation. */
function errorCommands(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((l) => l.startsWith('::error'));
}

/** Everything a reader of the run could see: the log as the runner shows it (its ::add-mask:: commands are consumed), outputs, summary, plan file. */
function everything(run: ActionRun): string {
  const planFile = run.outputs['plan-file'];
  const log = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return [log, run.summary, JSON.stringify(run.outputs), planFile && existsSync(planFile) ? readFileSync(planFile, 'utf8') : ''].join('\n');
}

describe('a refused push is reported like an apply (dist/index.js end to end)', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  let github: GitHubApiServer;
  const repos: GitRepo[] = [];

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('e2e-refused');
    github = await startGitHubApiServer({ token: TOKEN, pulls: () => [{ number: 78, state: 'closed', merged_at: '2026-11-22T10:00:00Z' }] });
  });
  after(async () => {
    await github.stop();
    for (const r of repos) r.cleanup();
    await ns.cleanup();
  });

  async function push(files: Record<string, string>): Promise<ActionRun> {
    const repo = new GitRepo();
    repos.push(repo);
    for (const [file, content] of Object.entries(files)) repo.write(file, content);
    const sha = repo.commit('manifests');
    return runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: { path: 'deploy', namespace: ns.name, name: 'refused', kubeconfig: c.kubeconfigText, 'github-token': TOKEN, timeout: '60s' },
    });
  }

  it('invalid manifests: exit 1, one annotation per problem at its file and line, the summary lists each, the plan file is set, no secret', async () => {
    // The Secret's value copied into a ConfigMap's data: hidden everywhere (a name would be public, see public-text.ts).
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: copied\n  namespace: ${ns.name}\ndata: {a: "${VALUE}"}\n`;
    const run = await push({
      'deploy/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: ${ns.name}\nstringData:\n  token: ${VALUE}\n`,
      'deploy/a.yaml': configMap,
      'deploy/b.yaml': configMap,
      'deploy/c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n',
      'deploy/d.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: p-\n',
    });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const errors = errorCommands(run);
    const annotated = errors.filter((l) => l.startsWith('::error file='));
    assert.deepEqual(
      annotated.map((l) => /^::error file=([^,]+),line=\d+(,col=\d+)?::/.exec(l)?.[1]).sort(),
      ['deploy/b.yaml', 'deploy/c.yaml', 'deploy/d.yaml'],
      errors.join('\n'),
    );
    assert.ok(
      annotated.some((l) => l.startsWith('::error file=deploy/b.yaml,line=1::') && /defined twice/.test(l)),
      errors.join('\n'),
    );
    assert.ok(
      annotated.some((l) => /^::error file=deploy\/c\.yaml,line=\d+,col=\d+::YAML syntax error/.test(l)),
      'a YAML error is annotated at its column too, as plan mode does',
    );
    assert.equal(errors.length, annotated.length + 1, `one annotation per problem and one short failure line:\n${errors.join('\n')}`);
    assert.match(errors.at(-1) ?? '', /^::error::Nothing was applied: 3 problem\(s\) must be fixed first; see the annotations and the job summary\.$/);
    assert.deepEqual(
      errors.filter((l) => l.includes('%0A')),
      [],
      'no multi-line annotation',
    );
    assert.match(
      run.summary,
      /## kube-gitops apply of `[0-9a-f]{7}` to \*\*refused\*\*\n\n⛔ \*\*Nothing was applied\*\*: refused before the first write because of the 3 problems below/,
    );
    for (const at of ['deploy/b.yaml:1', 'deploy/c.yaml:', 'deploy/d.yaml:1'])
      assert.ok(run.summary.includes(`> - \`${at}`), `${at} in the summary:\n${run.summary}`);
    const planFile = run.outputs['plan-file'];
    assert.ok(planFile && existsSync(planFile), 'the plan-file output names a file');
    assert.equal(JSON.parse(readFileSync(planFile, 'utf8')).problems.length, 3);
    assert.equal(run.outputs.creates, undefined, 'no counts without a plan');
    assert.ok(run.stdout.includes(`::add-mask::${VALUE}`), "the value is masked in the runner's log too");
    assert.deepEqual(leaksIn(everything(run), [VALUE, TOKEN]), []);
    const report = github.comments.find((x) => x.issueNumber === 78 && x.body.includes('<!-- kube-gitops:apply target=refused -->'));
    assert.ok(report, 'the merged pull request gets the report');
    assert.match(report.body, /⛔ \*\*Nothing was applied\*\*: refused before the first write/);
    assert.deepEqual(leaksIn(report.body, [VALUE, TOKEN]), []);
  });

  it('a kind the cluster does not know: the plan is made, its counts are outputs, the problem is annotated and the report says it was refused', async () => {
    const run = await push({
      'deploy/settings.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns.name}\ndata: {a: "1"}\n`,
      'deploy/gizmo.yaml': `# a custom resource without its CRD\napiVersion: example.com/v1\nkind: Gizmo\nmetadata:\n  name: g\n  namespace: ${ns.name}\n`,
    });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const errors = errorCommands(run);
    assert.equal(errors.filter((l) => l.startsWith('::error file=deploy/gizmo.yaml,line=2::')).length, 1, errors.join('\n'));
    assert.deepEqual(
      errors.filter((l) => l.includes('%0A')),
      [],
      'no multi-line annotation',
    );
    assert.match(run.summary, /> - `deploy\/gizmo\.yaml:2`: Gizmo\.example\.com\/[a-z0-9-]+\/g/);
    assert.match(run.summary, /The plan: \*\*1 create, 0 update, 0 replace, 0 delete, 0 unchanged\*\*/);
    assert.equal(run.outputs.creates, '1');
    assert.ok(run.outputs['plan-file']);
    const report = github.comments.filter((x) => x.issueNumber === 78 && x.body.includes('<!-- kube-gitops:apply target=refused -->'));
    assert.equal(report.length, 1, 'one sticky report per target, updated in place');
    assert.match(report[0]?.body ?? '', /`deploy\/gizmo\.yaml:2`/);
    assert.equal((await c.kubectl(['get', 'configmaps', '-n', ns.name, '-o', 'name'])).includes('configmap/settings'), false, 'nothing was applied');
  });
});
