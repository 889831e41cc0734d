// Text from manifests is data, never markup: a pull request's author controls every name,
// namespace, kind, value, annotation and file path, and the messages that quote them. Each
// surface (plan comment of a git and of a live plan, job summary, drift issue, apply report of a
// merged pull request, refused report) is rendered with hostile text everywhere and read back for
// anything live: a mention, an issue reference, an image, a link, a bare URL, an HTML tag or
// comment, emphasis, a heading, a broken table row or an unbalanced <details>.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import type { ObjectRef } from '../../../src/objects/object-ref.js';
import { planFromManifests } from '../../../src/plan/git-planner.js';
import type { Plan, PlanEntry } from '../../../src/model/plan.js';
import { renderApplyMarkdown } from '../../../src/render/apply-markdown.js';
import { renderDriftReport } from '../../../src/render/drift-report-markdown.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderRefusedMarkdown } from '../../../src/render/refused-markdown.js';
import { parseAllowedSigners } from '../../../src/signing/allowed-signers.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { escapeText } from '../../../src/text/markdown-escape.js';
import { leaksIn } from '../../support/secret-leaks.js';
import { liveMarkup } from '../../support/live-markup.js';

const HOSTILE =
  '@octocat ![t](https://evil.invalid/p.png) [l](https://evil.invalid) <img src=x onerror=alert(1)> <!-- kube-gitops:review --> </details> ' +
  '`tick` ``` | pipe \\| *em* _u_ ~~s~~ $x$ #12 GH-34 www.evil.invalid @org/team\n# INJECTED\n> quote';
/** The ConfigMap name of the report. */
const NAME = '@octocat ![t](https://evil.invalid/p.png) [l](https://evil.invalid)';
const marker = '<!-- kube-gitops:plan target=production -->';
const commit = '3f2a9c1e5d7b8a9c0d1e2f3a4b5c6d7e8f9a0b1c';

const configMap = (name: string, namespace: string, value: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, annotations: { note: value } },
  data: { value },
});
const custom: KubeObject = { apiVersion: 'evil.example/v1', kind: HOSTILE, metadata: { name: HOSTILE, namespace: HOSTILE }, spec: { v: HOSTILE } };

function gitPlan(): Plan {
  const base = [configMap(HOSTILE, 'shop', HOSTILE), configMap('kept', 'shop', 'old')];
  const head = [configMap(NAME, HOSTILE, HOSTILE), configMap('kept', 'shop', HOSTILE), custom];
  const at = (objects: KubeObject[]) => objects.map((object) => ({ object, source: { file: `deploy/${HOSTILE}.yaml`, line: 2 } }));
  const plan = planFromManifests(at(base), at(head), { target: 'production', commit, reason: HOSTILE, namespace: 'shop' });
  plan.problems.push({ message: `ConfigMap/shop/x: annotation \`${HOSTILE}\` is invalid: ${HOSTILE}`, source: { file: HOSTILE, line: 3 } });
  plan.warnings.push(HOSTILE);
  return plan;
}

const hostileRef: ObjectRef = { group: '', version: 'v1', kind: HOSTILE, namespace: HOSTILE, name: HOSTILE };
const entry = (action: PlanEntry['action'], extra: Partial<PlanEntry> = {}): PlanEntry => ({
  ref: hostileRef,
  action,
  before: configMap(HOSTILE, HOSTILE, 'before'),
  after: configMap(HOSTILE, HOSTILE, HOSTILE),
  source: { file: HOSTILE, line: 1 },
  notes: [HOSTILE, `quoted \`${HOSTILE}\``],
  conflicts: [{ manager: HOSTILE, field: HOSTILE }],
  ...extra,
});

/** A Deployment reading a ConfigMap, both changed, with hostile keys, container and volume names: the rollout notes quote them. */
function rolloutEntries(): PlanEntry[] {
  const ns = 'shop';
  const pod = (annotation: string) => ({
    metadata: { annotations: { [HOSTILE]: annotation } },
    spec: {
      volumes: [{ name: HOSTILE, configMap: { name: 'settings' } }],
      containers: [{ name: HOSTILE, env: [{ name: HOSTILE, valueFrom: { configMapKeyRef: { name: 'settings', key: HOSTILE } } }] }],
    },
  });
  const deployment = (annotation: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: ns },
    spec: { template: pod(annotation) },
  });
  const web: ObjectRef = { group: 'apps', version: 'v1', kind: 'Deployment', namespace: ns, name: 'web' };
  const settings: ObjectRef = { group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' };
  return [
    { ref: web, action: 'update', before: deployment('a'), after: deployment('b'), notes: [], conflicts: [] },
    { ref: settings, action: 'update', before: configMap('settings', ns, 'a'), after: configMap('settings', ns, HOSTILE), notes: [], conflicts: [] },
  ];
}

function livePlan(): Plan {
  return {
    target: HOSTILE,
    commit,
    basis: 'cluster',
    liveCommit: commit,
    entries: [
      entry('replace'),
      entry('retain', { after: undefined }),
      entry('update', { drift: true, changedBy: [{ manager: HOSTILE, operation: HOSTILE, time: HOSTILE }] }),
      entry('delete', { after: undefined, drift: true }),
      ...rolloutEntries(),
    ],
    problems: [{ message: HOSTILE, source: { file: HOSTILE, line: 9 }, ref: hostileRef }],
    warnings: [HOSTILE, `\`${HOSTILE}\``],
    helm: { helmVersion: HOSTILE, capabilities: HOSTILE, nonDeterministic: [] },
  };
}

const signatures = {
  policy: { mode: 'keys' as const, allowedSigners: parseAllowedSigners('', 'allowed-signers'), trustWebFlow: false, sinceLive: false },
  error: HOSTILE,
};

function surfaces(): Record<string, string> {
  const live = livePlan();
  return {
    'git plan comment': renderPlanMarkdown(gitPlan(), { marker, maxBytes: 65_000 }),
    'live plan summary': renderPlanMarkdown(live, { marker, maxBytes: 1_000_000, signatures }),
    'drift issue': renderDriftReport(live, { marker, live: 'older', maxBytes: 65_000 }),
    'apply report': renderApplyMarkdown(
      {
        planResult: { plan: { entries: live.entries, warnings: [HOSTILE] } },
        outcome: {
          applied: [
            { ref: hostileRef, type: { group: '', version: 'v1', kind: HOSTILE, plural: 'x', namespaced: true, verbs: [] }, action: 'create', durationMs: 1 },
          ],
          failed: [{ ref: hostileRef, message: HOSTILE, cause: 'other' }],
        },
        health: [{ ref: hostileRef, state: 'failed', message: HOSTILE, durationMs: 1, events: [HOSTILE, HOSTILE] }],
        hooks: [{ ref: hostileRef, phase: 'pre-apply', state: 'failed', message: HOSTILE, durationMs: 1, deleted: true }],
        prune: { deleted: [hostileRef], failed: [{ ref: hostileRef, message: HOSTILE }], retained: [{ ref: hostileRef, reason: HOSTILE }] },
        durationsMs: { plan: 1, apply: 1, prune: 1, wait: 1 },
        succeeded: false,
        stoppedAt: HOSTILE,
        skippedSteps: [HOSTILE],
      },
      {
        marker,
        target: HOSTILE,
        commit,
        review: { matches: 'false', reason: HOSTILE, differences: [{ object: HOSTILE, reviewed: 'create', planned: 'update', why: HOSTILE }] },
      },
    ),
    'refused report': renderRefusedMarkdown({
      marker,
      target: HOSTILE,
      commit,
      refusal: { problems: [{ message: HOSTILE, source: { file: HOSTILE, line: 1 } }, { message: `\`${HOSTILE}\`` }], plan: live },
    }),
  };
}

describe('text from manifests is never markup', () => {
  for (const [surface, md] of Object.entries(surfaces())) {
    it(`renders nothing live in the ${surface}`, () => {
      assert.ok(md.includes('octocat'), 'the hostile text is shown');
      if (surface === 'live plan summary') assert.ok(md.includes('#### Rollout impact'), 'the rollout notes are rendered');
      assert.deepEqual(liveMarkup(md, marker), []);
    });
  }

  it('shows the ConfigMap of the report as escaped text in its table cell and as code in its summary line', () => {
    const md = renderPlanMarkdown(gitPlan(), { marker, maxBytes: 65_000 });
    const z = '\u200b';
    assert.ok(md.includes(`| @${z}octocat !\\[t\\](https:${z}//evil.invalid/p.png) \\[l\\](https:${z}//evil.invalid) |`), md);
    assert.ok(md.includes(`<code>ConfigMap/`));
    assert.ok(md.includes(`<summary>🗑️ delete <code>ConfigMap/shop/@octocat ![t](https://evil.invalid/p.png) [l](https://evil.invalid) &lt;img src=x`), md);
  });

  it('never lets <!-- from a manifest into the raw body, even inside code spans and diffs', () => {
    for (const md of Object.values(surfaces())) assert.equal(md.split('<!--').length - 1, 1, 'only the marker opens a comment');
  });

  it('still hides a Secret value that the report escaped before the last redaction pass (health events, prune failures)', () => {
    const secret = 'p@ss_w0rd*$|x~[1]';
    const redactor = new SecretRedactor();
    redactor.add([secret]);
    const said = `Back-off pulling image "registry.example/app:${secret}"`;
    const md = renderApplyMarkdown(
      {
        planResult: { plan: { entries: [], warnings: [] } },
        outcome: { applied: [], failed: [] },
        health: [{ ref: hostileRef, state: 'failed', message: said, durationMs: 1, events: [said] }],
        hooks: [],
        skippedSteps: [],
        prune: { deleted: [], failed: [{ ref: hostileRef, message: said }], retained: [{ ref: hostileRef, reason: `\`${secret}\`` }] },
        durationsMs: { plan: 1, apply: 1, prune: 1, wait: 1 },
        succeeded: false,
      },
      { marker, target: 'production', commit },
    );
    const posted = redactor.redactString(md);
    assert.deepEqual(leaksIn(posted, [secret]), []);
    assert.ok(!posted.includes(escapeText(secret).slice(0, 12)), 'nor in its escaped form');
    assert.ok(posted.includes('app:(value hidden)'), posted);
  });
});
