import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import type { Plan, PlanEntry } from '../../../src/model/plan.js';
import { renderPlanTerminal, SUMMARY_ABOVE } from '../../../src/render/plan-terminal.js';
import { matchesGolden } from '../../support/golden.js';
import { phasedPlan } from '../../support/phased-plan.js';
import { createdService } from '../../support/created-service.js';

const cm = (name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data });
const deploy = (image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image }] } } },
});
const entry = (action: PlanEntry['action'], obj: KubeObject, extra: Partial<PlanEntry> = {}): PlanEntry => ({
  ref: {
    group: obj.apiVersion.includes('/') ? (obj.apiVersion.split('/')[0] ?? '') : '',
    version: 'v1',
    kind: obj.kind,
    namespace: 'shop',
    name: obj.metadata.name,
  },
  action,
  notes: [],
  conflicts: [],
  ...extra,
});

function plan(): Plan {
  const service = createdService();
  return {
    target: 'production',
    commit: '3f2a9c1e5d',
    basis: 'cluster',
    problems: [],
    warnings: ['ConfigMap/shop/x: a warning the server sent'],
    entries: [
      entry('update', deploy('web:1'), { before: deploy('web:1'), after: deploy('web:2'), source: { file: 'deploy/web.yaml', line: 1 } }),
      entry('delete', cm('legacy', { a: '1' }), { before: cm('legacy', { a: '1' }), notes: ['No longer in the manifests: it will be deleted.'] }),
      entry('create', cm('settings', { mode: 'fast' }), { after: cm('settings', { mode: 'fast' }), source: { file: 'deploy/settings.yaml', line: 3 } }),
      entry('create', service.after, { after: service.after, written: service.written, source: { file: 'deploy/web.yaml', line: 24 } }),
      entry('unchanged', cm('same', {}), { before: cm('same', {}), after: cm('same', {}) }),
    ],
  };
}

describe('the plan for a terminal', () => {
  it('shows a phase column for a target with a hook and two waves, in the order of the run (golden)', () => {
    matchesGolden('terminal-phased-plan.txt', renderPlanTerminal(phasedPlan(), { color: false }));
  });

  it('prints the counts, a risk-ordered table and a unified diff per changed object (golden)', () => {
    matchesGolden('terminal-plan.txt', renderPlanTerminal(plan(), { color: false }));
  });

  it('colours only when asked, and the text stays the same underneath', () => {
    const coloured = renderPlanTerminal(plan(), { color: true });
    assert.match(coloured, /\u001b\[32m\+  mode: fast\u001b\[39m/);
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), renderPlanTerminal(plan(), { color: false }));
  });

  it('says plainly when nothing changes', () => {
    const same: Plan = { ...plan(), warnings: [], entries: [entry('unchanged', cm('same', {}))] };
    assert.equal(
      renderPlanTerminal(same, { color: false }),
      'kube-gitops plan for production at 3f2a9c1\n0 create, 0 update, 0 replace, 0 delete, 1 unchanged\n\nNo changes: the cluster already matches the manifests.\n',
    );
  });

  it('shows each object by its own name: names are public, whatever Secret value they equal', () => {
    const named: Plan = { ...plan(), entries: [entry('create', cm('s3cret-name', {}))] };
    assert.match(renderPlanTerminal(named, { color: false }), /create ConfigMap\/shop\/s3cret-name/);
  });

  it('lists drift apart from the changes made in Git, with who changed each object in the cluster (golden)', () => {
    const drifted = entry('update', cm('limits', { max: '10' }), {
      before: cm('limits', { max: '99' }),
      after: cm('limits', { max: '10' }),
      source: { file: 'deploy/limits.yaml', line: 1 },
      drift: true,
      changedBy: [{ manager: 'kubectl-edit', operation: 'Update', time: '2026-12-01T10:00:00Z' }],
    });
    const text = renderPlanTerminal({ ...plan(), liveCommit: '9e8d7c6b5a', entries: [...plan().entries, drifted] }, { color: false });
    const [own = '', drift = ''] = text.split(/^Drift: /m);
    assert.doesNotMatch(own, /limits/);
    assert.match(drift, /^1 object\(s\) changed in the cluster, not in Git \(their manifests are the same in 9e8d7c6, which is live, and here\)/);
    assert.match(drift, /update {2}ConfigMap\/shop\/limits {2}deploy\/limits\.yaml:1 {2}changed by kubectl-edit \(Update, 2026-12-01T10:00:00Z\)/);
    matchesGolden('terminal-drift-plan.txt', text);
  });
});

describe('a large plan at a terminal', () => {
  const note = 'planned from the manifest: its CustomResourceDefinition is new in this change';
  const large = (): Plan => ({
    target: 'production',
    commit: '3f2a9c1e5d',
    basis: 'cluster',
    problems: [],
    warnings: [],
    entries: [
      ...Array.from({ length: SUMMARY_ABOVE + 5 }, (_, i) => entry('create', cm(`c${i}`, { k: 'v' }), { after: cm(`c${i}`, { k: 'v' }), notes: [note] })),
      entry('delete', cm('gone', {}), { before: cm('gone', { k: 'v' }), notes: [note] }),
      entry('replace', cm('moved', {}), { before: cm('moved', { k: 'a' }), after: cm('moved', { k: 'b' }), notes: [note] }),
      entry('update', cm('tuned', {}), {
        before: cm('tuned', { k: 'a' }),
        after: cm('tuned', { k: 'b' }),
        notes: [note],
        conflicts: [{ manager: 'kubectl-edit', field: '.data.k' }],
      }),
    ],
  });

  it("shows every object in the table but only the risky objects' diffs, and says how to see the rest", () => {
    const out = renderPlanTerminal(large(), { color: false });
    assert.equal(out.match(/^ {2}create +ConfigMap\/shop\/c\d+/gm)?.length, SUMMARY_ABOVE + 5, 'the table lists every object');
    assert.deepEqual(out.match(/^(create|update|replace|delete) ConfigMap\/shop\/\w+/gm), [
      'delete ConfigMap/shop/gone',
      'replace ConfigMap/shop/moved',
      'update ConfigMap/shop/tuned',
    ]);
    assert.match(
      out,
      new RegExp(
        `^${SUMMARY_ABOVE + 5} diff\\(s\\) of creates and updates not shown \\(over ${SUMMARY_ABOVE} changed objects\\): --diff all shows them\\.$`,
        'm',
      ),
    );
  });

  it('says a note shared by many shown diffs once, with its count', () => {
    const out = renderPlanTerminal(large(), { color: false, diffs: 'all' });
    assert.equal(out.match(/^(create|update|replace|delete) ConfigMap/gm)?.length, SUMMARY_ABOVE + 8);
    assert.equal(out.split(note).length - 1, 1, 'the note is said once');
    assert.match(out, new RegExp(`^Note on ${SUMMARY_ABOVE + 8} objects: ${note}$`, 'm'));
    assert.doesNotMatch(out, /not shown/);
  });
});
