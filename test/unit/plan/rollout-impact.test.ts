import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject, KubeObject } from '../../../src/objects/kube-object.js';
import { rolloutImpact, usesOf } from '../../../src/plan/rollout-impact.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanTerminal } from '../../../src/render/plan-terminal.js';
import { matchesGolden } from '../../support/golden.js';
import { configMap, livePlan, planEntry, workload } from '../../support/plan-entries.js';

const options = { marker: '<!-- kube-gitops:plan target=production -->', maxBytes: 65_000 };
const secret = (name: string, marker: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'shop' },
  data: { token: marker },
});

const mounting = (image: string) =>
  workload('web', {
    containers: [{ name: 'web', image, volumeMounts: [{ name: 'settings', mountPath: '/etc/web' }] }],
    volumes: [{ name: 'settings', configMap: { name: 'web-settings' } }],
  });
const readingEnv = (checksum: string) =>
  workload(
    'worker',
    {
      initContainers: [{ name: 'setup', image: 'setup:1', env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'worker-token', key: 'token' } } }] }],
      containers: [{ name: 'worker', image: 'worker:1', envFrom: [{ secretRef: { name: 'worker-token' } }] }],
    },
    { annotations: { 'checksum/secret': checksum } },
  );
const onDelete = (image: string): KubeObject => {
  const sts = workload('db', { containers: [{ name: 'db', image }] }, { kind: 'StatefulSet' });
  return { ...sts, spec: { ...(sts.spec as object), updateStrategy: { type: 'OnDelete' } } } as KubeObject;
};

function plan() {
  return livePlan([
    planEntry('update', configMap('web-settings', { greeting: 'hello' }), configMap('web-settings', { greeting: 'hi' }), {
      source: { file: 'deploy/web.yaml', line: 20 },
    }),
    planEntry('update', secret('worker-token', '(value hidden, before change)'), secret('worker-token', '(value hidden, changed)'), {
      source: { file: 'deploy/worker.yaml', line: 30 },
    }),
    planEntry('unchanged', mounting('web:1'), mounting('web:1'), { source: { file: 'deploy/web.yaml', line: 1 } }),
    planEntry('update', readingEnv('sha256:aaa'), readingEnv('sha256:bbb'), { source: { file: 'deploy/worker.yaml', line: 1 } }),
    planEntry(
      'update',
      workload('api', { containers: [{ name: 'api', image: 'api:1' }] }),
      workload('api', { containers: [{ name: 'api', image: 'api:1' }] }, { replicas: 5 }),
      {
        source: { file: 'deploy/api.yaml', line: 1 },
      },
    ),
    planEntry('update', onDelete('db:15'), onDelete('db:16'), { source: { file: 'deploy/db.yaml', line: 1 } }),
  ]);
}

describe('rollout impact', () => {
  it('tells a pod template change (restart) from a replicas change (no restart), and OnDelete from a rolling update', () => {
    const impact = rolloutImpact(plan().entries);
    const verdicts = Object.fromEntries(impact.workloads.map((w) => [w.entry.ref.name, w.restarts]));
    assert.deepEqual(verdicts, { worker: true, api: false, db: false });
    assert.match(impact.workloads.find((w) => w.entry.ref.name === 'api')?.why ?? '', /only `spec\.replicas` change/);
  });

  it('names the workloads that read a changed ConfigMap or Secret, and whether they restart with it', () => {
    const impact = rolloutImpact(plan().entries);
    const byConfig = Object.fromEntries(impact.configs.map((c) => [c.entry.ref.name, c.consumers.map((x) => [x.workload.ref.name, x.uses, x.restarts])]));
    assert.deepEqual(byConfig, {
      'web-settings': [['web', ['volume settings'], false]],
      'worker-token': [['worker', ['env TOKEN in init container setup', 'envFrom in container worker'], true]],
    });
  });

  it('finds projected volumes and configMapKeyRef env', () => {
    const spec: JsonObject = {
      volumes: [{ name: 'all', projected: { sources: [{ configMap: { name: 'c' } }, { secret: { name: 's' } }] } }],
      containers: [{ name: 'a', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'c', key: 'x' } } }] }],
    };
    assert.deepEqual(usesOf(spec, 'ConfigMap', 'c'), ['projected volume all', 'env X in container a']);
    assert.deepEqual(usesOf(spec, 'Secret', 's'), ['projected volume all']);
    assert.deepEqual(usesOf(spec, 'Secret', 'c'), []);
  });

  it('renders the notes in the plan comment: a warning for pods that will not restart, with what rolls them (golden)', () => {
    const md = renderPlanMarkdown(plan(), options);
    assert.match(md, /⚠️ `ConfigMap\/shop\/web-settings` changes, but the pods of `Deployment\/shop\/web` \(volume settings\) will \*\*not\*\* restart/);
    assert.match(md, /checksum\/config/);
    assert.match(md, /configMapGenerator/);
    matchesGolden('rollout-plan.md', md);
  });

  it('never puts ✅ beside a change the merge refuses for a field conflict: its effects wait for the conflict', () => {
    const conflicted = plan();
    const token = conflicted.entries.find((e) => e.ref.name === 'worker-token');
    assert.ok(token);
    token.conflicts = [{ field: '.stringData.token', manager: 'kubectl-edit' }];
    const md = renderPlanMarkdown(conflicted, options);
    assert.doesNotMatch(md, /✅ `Secret\/shop\/worker-token`/);
    assert.match(md, /⚠️ `Secret\/shop\/worker-token` changes \(once its field conflict is resolved: until then the merge is refused\)/);
  });

  it('shows the same notes on a terminal, as plain text, with the helm line (golden)', () => {
    const helm = {
      helmVersion: 'v3.22.0+g4b2ad0c',
      capabilities: "the live cluster's Capabilities (Kubernetes v1.36.3, 312 API versions)",
      nonDeterministic: [],
    };
    const text = renderPlanTerminal({ ...plan(), helm }, { color: false });
    assert.match(text, /^Helm charts rendered by helm v3\.22\.0\+g4b2ad0c with the live cluster's Capabilities/m);
    assert.match(text, /^ {2}- ConfigMap\/shop\/web-settings changes, but the pods of Deployment\/shop\/web \(volume settings\) will not restart/m);
    const notes = text.split('Rollout impact:')[1]?.split('\n\n')[0] ?? '';
    assert.match(notes, /restarts its pods/);
    assert.ok(!/\*\*|\p{Extended_Pictographic}/u.test(notes), 'no bold or emoji in the notes');
    matchesGolden('terminal-rollout-plan.txt', text);
  });
});
