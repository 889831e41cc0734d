import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GitHubPermissionError, createGitHubApi } from '../../../src/github/octokit-github.js';
import { ownLabelChange } from '../../../src/github/own-labels.js';
import { PLAN_LABELS, PLAN_LABEL_PREFIX, planLabels, syncPlanLabels } from '../../../src/github/plan-labels.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { configMap, livePlan, planEntry } from '../../support/plan-entries.js';

const TOKEN = 'ghs_unitLabelToken0000000000000000000';
const cm = (name: string, value = 'a') => configMap(name, { k: value });

describe('planLabels', () => {
  it('labels a plan that changes nothing, and only that one, no-changes', () => {
    assert.deepEqual(planLabels(livePlan([planEntry('unchanged', cm('a'), cm('a')), planEntry('retain', cm('b'))])), [PLAN_LABELS.noChanges]);
    assert.deepEqual(planLabels([]), [PLAN_LABELS.noChanges]);
  });

  it('labels creates and updates as changes, and deletes and replaces as deletes too', () => {
    assert.deepEqual(planLabels(livePlan([planEntry('create', undefined, cm('a')), planEntry('update', cm('b'), cm('b', 'x'))])), [PLAN_LABELS.changes]);
    assert.deepEqual(planLabels(livePlan([planEntry('delete', cm('a'))])), [PLAN_LABELS.changes, PLAN_LABELS.deletes]);
    assert.deepEqual(planLabels(livePlan([planEntry('replace', cm('a'), cm('a', 'x'))])), [PLAN_LABELS.changes, PLAN_LABELS.deletes]);
  });

  it('labels field conflicts, changing drift and plan problems; unchanged drift is no drift label', () => {
    const conflict = planEntry('update', cm('a'), cm('a', 'x'), { conflicts: [{ manager: 'kubectl-edit', field: '.data.k' }] });
    const drift = planEntry('update', cm('b'), cm('b', 'x'), { drift: true });
    assert.deepEqual(planLabels(livePlan([conflict, drift])), [PLAN_LABELS.changes, PLAN_LABELS.conflict, PLAN_LABELS.drift]);
    assert.deepEqual(planLabels(livePlan([planEntry('unchanged', cm('c'), cm('c'), { drift: true })])), [PLAN_LABELS.noChanges]);
    assert.deepEqual(planLabels(livePlan([], { problems: [{ message: 'bad manifest' }] })), [PLAN_LABELS.refused]);
  });

  it('labels several targets by what any of them does', () => {
    const plans = [livePlan([planEntry('unchanged', cm('a'), cm('a'))]), livePlan([planEntry('delete', cm('b'))], { target: 'staging' })];
    assert.deepEqual(planLabels(plans), [PLAN_LABELS.changes, PLAN_LABELS.deletes]);
  });
});

describe('ownLabelChange', () => {
  it('adds what is missing and removes only labels with the prefix that are no longer wanted', () => {
    const current = ['bug', 'kube-gitops:deletes', 'kube-gitops:changes', 'kube-gitops-other', 'Kube-gitops:x'];
    assert.deepEqual(ownLabelChange(current, 'kube-gitops:', ['kube-gitops:changes', 'kube-gitops:drift', 'kube-gitops:drift']), {
      added: ['kube-gitops:drift'],
      removed: ['kube-gitops:deletes'],
    });
  });

  it('refuses an empty prefix and a wanted label without the prefix', () => {
    assert.throws(() => ownLabelChange(['bug'], '', []), /need a prefix/);
    assert.throws(() => ownLabelChange([], 'kube-gitops:', ['bug']), /bug do not start with kube-gitops:/);
  });
});

describe('syncPlanLabels, through the real octokit client and the strict local GitHub API', () => {
  let server: GitHubApiServer;
  let readOnly: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN });
    readOnly = await startGitHubApiServer({ token: TOKEN, readOnly: true });
  });
  after(async () => {
    await server.stop();
    await readOnly.stop();
  });
  const api = (url: string) => createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: url });

  it("sets the plan's labels, then swaps them as the plan changes, never touching a person's labels", async () => {
    server.labels.seed(12, ['bug', 'kube-gitops-like', 'needs review']);
    const first = await syncPlanLabels(api(server.url), 12, livePlan([planEntry('delete', cm('a'))]));
    assert.deepEqual(first, {
      status: 'labelled',
      labels: [PLAN_LABELS.changes, PLAN_LABELS.deletes],
      added: [PLAN_LABELS.changes, PLAN_LABELS.deletes],
      removed: [],
    });
    const second = await syncPlanLabels(api(server.url), 12, livePlan([planEntry('create', undefined, cm('a'))]));
    assert.deepEqual(second, { status: 'labelled', labels: [PLAN_LABELS.changes], added: [], removed: [PLAN_LABELS.deletes] });
    const third = await syncPlanLabels(api(server.url), 12, livePlan([planEntry('create', undefined, cm('a'))]));
    assert.deepEqual(third, { status: 'labelled', labels: [PLAN_LABELS.changes], added: [], removed: [] });
    assert.deepEqual(server.labels.on(12), ['bug', 'kube-gitops-like', 'needs review', PLAN_LABELS.changes]);
    assert.ok(
      server.labels.repository.some((l) => l.name === PLAN_LABELS.deletes),
      'adding a label creates the repository label',
    );
    assert.deepEqual(server.unexpected, []);
  });

  it('sends no write when the labels are already right', async () => {
    server.labels.seed(13, [PLAN_LABELS.noChanges]);
    const writes = () => server.requests.filter((r) => r.method !== 'GET').length;
    const before = writes();
    const result = await syncPlanLabels(api(server.url), 13, livePlan([]));
    assert.deepEqual(result, { status: 'labelled', labels: [PLAN_LABELS.noChanges], added: [], removed: [] });
    assert.equal(writes(), before);
  });

  it('turns a token that may not label into a warning, and the port into a GitHubPermissionError', async () => {
    const result = await syncPlanLabels(api(readOnly.url), 14, livePlan([planEntry('delete', cm('a'))]));
    assert.equal(result.status, 'forbidden');
    assert.match(
      result.status === 'forbidden' ? result.warning : '',
      /not labelled \(kube-gitops:changes, kube-gitops:deletes\): .*Resource not accessible by integration \(HTTP 403\)/,
    );
    await assert.rejects(api(readOnly.url).setOwnLabels(14, PLAN_LABEL_PREFIX, [PLAN_LABELS.changes]), GitHubPermissionError);
    assert.deepEqual(readOnly.labels.on(14), []);
  });
});
