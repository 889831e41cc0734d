import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { differingPaths, managersOfChange } from '../../../src/plan/change-managers.js';
import { markDrift } from '../../../src/plan/drift.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { renderDriftReport } from '../../../src/render/drift-report-markdown.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { matchesGolden } from '../../support/golden.js';
import { configMap, livePlan, planEntry, workload } from '../../support/plan-entries.js';

const options = { marker: '<!-- kube-gitops:plan target=production -->', maxBytes: 65_000 };
const web = (image: string) => workload('web', { containers: [{ name: 'web', image }] });
const desired = (object: KubeObject, line = 1): DesiredObject => ({ object, source: { file: 'deploy/app.yaml', line } });

describe('drift apart from the pull request', () => {
  it('marks a change whose manifest is the same at base and head, and a delete of an object neither has, as drift', () => {
    const settings = configMap('settings', { greeting: 'hello' });
    const plan = livePlan([
      planEntry('update', web('web:1'), web('web:2')),
      planEntry('update', configMap('settings', { greeting: 'by hand' }), settings),
      planEntry('delete', configMap('stray', { a: '1' })),
      planEntry('delete', configMap('removed', { a: '1' })),
      planEntry('unchanged', configMap('same', {}), configMap('same', {})),
    ]);
    const base = [desired(web('web:1')), desired(settings, 20), desired(configMap('removed', { a: '1' }), 30), desired(configMap('same', {}), 40)];
    const head = [desired(web('web:2')), desired(settings, 20), desired(configMap('same', {}), 40)];
    const drifted = markDrift(plan, base, head, { namespace: 'shop', redactor: new SecretRedactor() });
    assert.equal(drifted, 2);
    assert.deepEqual(
      plan.entries.filter((e) => e.drift).map((e) => e.ref.name),
      ['settings', 'stray'],
    );
  });

  it('marks nothing in a git plan', () => {
    const plan = livePlan([planEntry('update', web('web:1'), web('web:2'))], { basis: 'git' });
    assert.equal(markDrift(plan, [desired(web('web:2'))], [desired(web('web:2'))], { namespace: 'shop', redactor: new SecretRedactor() }), 0);
  });

  it('names the managers owning a field the merge sets back, most recent first, never our own or a status writer', () => {
    const before = configMap('settings', { greeting: 'by hand', other: 'x' });
    const after = configMap('settings', { greeting: 'hello', other: 'x' });
    const live: KubeObject = {
      ...before,
      metadata: {
        ...before.metadata,
        managedFields: [
          { manager: 'kube-gitops', operation: 'Apply', time: '2026-12-01T09:00:00Z', fieldsV1: { 'f:data': { 'f:other': {} } } },
          { manager: 'kubectl-patch', operation: 'Update', time: '2026-12-01T10:00:00Z', fieldsV1: { 'f:data': { 'f:greeting': {} } } },
          { manager: 'kubectl-edit', operation: 'Update', time: '2026-12-01T11:00:00Z', fieldsV1: { 'f:data': { 'f:greeting': {} } } },
          { manager: 'status-writer', operation: 'Update', subresource: 'status', fieldsV1: { 'f:data': {} } },
          { manager: 'labeller', operation: 'Update', fieldsV1: { 'f:metadata': { 'f:labels': {} } } },
        ],
      },
    };
    assert.deepEqual(differingPaths(before, after), [['data', 'greeting']]);
    assert.deepEqual(managersOfChange(live, before, after, 'kube-gitops'), [
      { manager: 'kubectl-edit', operation: 'Update', time: '2026-12-01T11:00:00Z' },
      { manager: 'kubectl-patch', operation: 'Update', time: '2026-12-01T10:00:00Z' },
    ]);
  });

  it('compares lists whole: a changed container is owned by whoever owns the list', () => {
    assert.deepEqual(differingPaths(web('web:1'), web('web:2')), [['spec', 'template', 'spec', 'containers']]);
  });

  it('renders drift in its own section, with who changed it and what the merge does (golden)', () => {
    const plan = livePlan([
      planEntry('update', web('registry.example/web:1.4.0'), web('registry.example/web:1.5.0'), { source: { file: 'deploy/web.yaml', line: 1 } }),
      planEntry('update', configMap('settings', { greeting: 'by hand' }), configMap('settings', { greeting: 'hello' }), {
        source: { file: 'deploy/settings.yaml', line: 1 },
        drift: true,
        changedBy: [{ manager: 'kubectl-patch', operation: 'Update', time: '2026-12-01T10:00:00Z' }],
        conflicts: [{ manager: 'kubectl-patch', field: '.data.greeting' }],
      }),
      planEntry('update', configMap('limits', { max: '9' }), configMap('limits', { max: '5' }), {
        source: { file: 'deploy/settings.yaml', line: 9 },
        drift: true,
        changedBy: [],
      }),
      planEntry('create', undefined, configMap('deleted-by-hand', { a: '1' }), { source: { file: 'deploy/settings.yaml', line: 17 }, drift: true }),
      planEntry('unchanged', configMap('same', {}), configMap('same', {})),
    ]);
    const md = renderPlanMarkdown(plan, options);
    const own = md.indexOf("#### This pull request's changes");
    const drift = md.indexOf('#### Drift: 3 object(s) differ from Git outside this pull request');
    assert.ok(own > 0 && drift > own, 'the pull request first, drift after');
    assert.ok(md.indexOf('| web |') > own && md.indexOf('| web |') < drift, 'the Deployment is among the changes');
    assert.ok(md.indexOf('| settings |') > drift, 'the ConfigMap is under drift');
    assert.match(md, /`kubectl-patch` \(Update, 2026-12-01T10:00:00Z\) \| ⚠️ fails on the conflict unless `force-conflicts: true`/);
    matchesGolden('drift-plan.md', md);
  });

  it('renders a scheduled drift check: the live commit against the branch head, not applied yet apart from drift (golden)', () => {
    const plan = livePlan(
      [
        planEntry('update', web('registry.example/web:1.4.0'), web('registry.example/web:1.5.0'), { source: { file: 'deploy/web.yaml', line: 1 } }),
        planEntry('update', configMap('settings', { greeting: 'by hand' }), configMap('settings', { greeting: 'hello' }), {
          source: { file: 'deploy/settings.yaml', line: 1 },
          drift: true,
          changedBy: [{ manager: 'kubectl-edit', operation: 'Update', time: '2026-12-01T10:00:00Z' }],
        }),
      ],
      { liveCommit: '9e8d7c6b5a' },
    );
    const md = renderDriftReport(plan, {
      marker: '<!-- kube-gitops:drift target=production -->',
      live: 'older',
      maxBytes: 65_000,
      runUrl: 'https://github.com/acme/shop/actions/runs/4242',
    });
    assert.match(md, /not the branch head `3f2a9c1`: 1 change\(s\) made in Git since then are \*\*not applied yet\*\*, listed apart from drift/);
    assert.ok(md.indexOf('#### Not applied yet: changed in Git since `9e8d7c6`') < md.indexOf('#### Drift: 1 object(s) changed in the cluster'));
    matchesGolden('drift-issue.md', md);
  });

  it('does not promise a list of changes not applied yet when the commits since the live one change nothing of the target', () => {
    const plan = livePlan(
      [
        planEntry('unchanged', web('registry.example/web:1.4.0'), web('registry.example/web:1.4.0')),
        planEntry('update', configMap('settings', { greeting: 'by hand' }), configMap('settings', { greeting: 'hello' }), { drift: true }),
      ],
      { liveCommit: '9e8d7c6b5a' },
    );
    const md = renderDriftReport(plan, { marker: '<!-- kube-gitops:drift target=production -->', live: 'older', maxBytes: 65_000 });
    assert.match(md, /but the commits since then change nothing of this target: every difference below was made in the cluster\./);
    assert.doesNotMatch(md, /listed apart/);
  });
});
