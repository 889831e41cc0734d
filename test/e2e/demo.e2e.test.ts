// npm run demo end to end (demo/demo-steps.ts through dist/index.js and dist/cli.js, against the local
// control plane): the page holds every surface a user meets, the drift issue is opened after the hand
// edit, no Secret value of the demo reaches the page, a comment, the issue or any output, and the
// README's sample (demo/demo-comment.md) is what the demo really posts.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEMO_COMMENT_FILE, commentFileText } from '../../demo/demo-comment.js';
import { DEMO_NAMESPACE, DEMO_SECRET_VALUES, checkUserPath } from '../../demo/demo-manifests.js';
import { runDemo, type DemoResult } from '../../demo/demo-steps.js';
import { leaksIn } from '../support/secret-leaks.js';
import { testCluster } from '../support/test-cluster.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-demo-e2e-'));
after(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await (await testCluster()).kubectl(['delete', 'namespace', DEMO_NAMESPACE, '--wait=false', '--ignore-not-found']);
});

/** The demo run into a fresh folder; its page's text and everything it printed. */
async function demo(name: string, userPath?: string): Promise<{ result: DemoResult; page: string; printed: string }> {
  const outDir = path.join(tmp, name);
  mkdirSync(outDir);
  const printed: string[] = [];
  const result = await runDemo({ outDir, userPath, print: (t) => printed.push(t) });
  assert.equal(result.pagePath, path.join(outDir, 'demo.html'));
  return { result, page: readFileSync(result.pagePath, 'utf8'), printed: printed.join('') };
}

/** Where any text the demo let anyone read reveals one of `secrets`. */
function leaks(run: { result: DemoResult; page: string; printed: string }, secrets: readonly string[]): string[] {
  const texts = { page: run.page, printed: run.printed, ...run.result.visible };
  return Object.entries(texts).flatMap(([where, text]) => leaksIn(text, secrets).map((l) => `${where}: ${l}`));
}

async function liveSecret(name: string, key: string): Promise<string> {
  const b64 = await (await testCluster()).kubectl(['get', 'secret', name, '-n', DEMO_NAMESPACE, '-o', `jsonpath={.data.${key}}`]);
  return Buffer.from(b64, 'base64').toString('utf8');
}

describe('npm run demo (dist/index.js and dist/cli.js end to end)', () => {
  it('shows the plan comment, the merge report, the drift issue and the CLI plan on one page, with no Secret value anywhere', async () => {
    const run = await demo('shop');
    const { page, result } = run;
    assert.deepEqual(
      [...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]),
      ['Pull request #12: the plan comment', 'Pull request #12 after the merge: the report', 'The drift issue', 'The command line: kube-gitops plan'],
    );
    assert.match(
      page,
      /<h3>kube-gitops plan for <strong>production<\/strong> at <a href="https:\/\/github.com\/Codertocat\/Hello-World\/commit\/[0-9a-f]{40}"><code>[0-9a-f]{7}<\/code><\/a><\/h3>/,
    );
    assert.match(page, /<td>🗑️ delete<\/td>\s*<td>ConfigMap<\/td>\s*<td>demo-shop<\/td>\s*<td>storefront-legacy-flags<\/td>/);
    assert.match(page, /<details open><summary>🗑️ delete <code>ConfigMap\/demo-shop\/storefront-legacy-flags<\/code><\/summary>/);
    assert.match(page, /<span class="diff-add">\+ {10}image: registry.example\/storefront:1.5.0<\/span>/);
    assert.match(page, /<h2>kube-gitops apply of <code>[0-9a-f]{7}<\/code> to <strong>production<\/strong><\/h2>\s*<p>✅ <strong>Applied<\/strong>: /);
    assert.match(
      page,
      /<div class="markdown-alert markdown-alert-warning"><p class="markdown-alert-title">⚠️ Warning<\/p>[\s\S]*storefront-settings: fields owned by another manager \(.data.currency by kubectl-edit\)/,
    );
    assert.match(page, /<pre class="terminal">kube-gitops plan for production at [0-9a-f]{7}\n[\s\S]*Drift: 1 object\(s\) changed in the cluster/);
    assert.doesNotMatch(page, /<script\b|\ssrc=|<link\b/i);

    assert.match(result.driftIssue, /^#\d+ kube-gitops: the cluster differs from Git for production\n\n<!-- kube-gitops:drift target=production -->\n/);
    assert.match(result.driftIssue, /\| ✏️ update \| ConfigMap \| demo-shop \| storefront-settings \| `kubectl-edit` \(Update, /);
    assert.match(result.driftIssue, /-  currency: EUR-edited-by-hand\n\+  currency: EUR\n/);
    assert.match(result.driftIssue, /#### What to do/);
    assert.match(result.mergeReport, /Applied the plan reviewed in #12/);
    assert.match(result.cliPlan, /update {2}ConfigMap\/demo-shop\/storefront-settings {2}deploy\/storefront.yaml:\d+ {2}changed by kubectl-edit/);

    assert.equal(await liveSecret('storefront-db', 'DB_PASSWORD'), DEMO_SECRET_VALUES[1], 'the Secret was applied: the leak check below is not vacuous');
    assert.ok(Object.keys(result.visible).length >= 20, 'the logs, outputs and summaries of every run are checked');
    assert.deepEqual(leaks(run, DEMO_SECRET_VALUES), []);

    const committed = readFileSync(path.join(root, DEMO_COMMENT_FILE), 'utf8');
    assert.equal(
      commentFileText(result.planComment),
      committed,
      `the demo's comment changed: run \`npm run demo\`, then \`npm run docs\`, and commit ${DEMO_COMMENT_FILE}`,
    );
  });

  it("runs the same steps on the user's own manifests (--path), their markup shown as text and their Secret hidden", async () => {
    const mine = path.join(tmp, 'my-manifests');
    mkdirSync(path.join(mine, 'apps'), { recursive: true });
    const userSecret = 'user-s3cret-value-that-must-stay-hidden';
    writeFileSync(
      path.join(mine, 'apps/web.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-greeting\ndata:\n  greeting: hello\n  banner: "<script>alert(1)</script><img src=x onerror=alert(2)>"\n` +
        `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: web-token\nstringData:\n  token: ${userSecret}\n`,
    );
    const run = await demo('mine', checkUserPath(mine));
    const { page, result } = run;
    assert.match(result.planComment, /\| ✨ create \| ConfigMap \| demo-shop \| web-greeting \| `deploy\/user\/apps\/web.yaml:1` \|/);
    assert.match(result.planComment, /\| ✨ create \| Secret \| demo-shop \| web-token \|/);
    assert.match(result.driftIssue, /\| ✏️ update \| ConfigMap \| demo-shop \| web-greeting \| `kubectl-edit`/);
    assert.match(page, /<h2>The drift issue<\/h2>[\s\S]*web-greeting/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, "the manifest's markup is shown as text");
    assert.doesNotMatch(page, /<script\b|<img\b|<[a-z][^>]*\son[a-z]+=/i, "no element of the manifest's markup, no handler");
    assert.equal(await liveSecret('web-token', 'token'), userSecret);
    assert.deepEqual(leaks(run, [userSecret]), []);
  });

  it("stops on the user's manifests that do not load with one line naming the file and line, no log and no credential", async () => {
    const bad = path.join(tmp, 'bad-manifests');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [unclosed\n');
    await assert.rejects(
      runDemo({ outDir: tmp, userPath: checkUserPath(bad), print: () => undefined }),
      (e: unknown) =>
        e instanceof Error &&
        /^the plan failed \(exit 1\): [^\n]*deploy\/user\/broken\.yaml:6:\d+: YAML syntax error[^\n]*$/.test(e.message) &&
        !e.message.includes('::'),
    );
  });
});
