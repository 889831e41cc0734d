import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressLines } from '../../../src/cli/progress-lines.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { runApply, type ApplySettings } from '../../../src/run/apply-run.js';
import type { ProgressStage } from '../../../src/model/progress.js';
import { FakeCluster } from '../../support/fake-cluster.js';

const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'apps' }, data: { a: '1' } });
const settings: ApplySettings = {
  target: 'shop',
  commit: 'c0ffee1',
  namespace: 'apps',
  inventoryNamespace: 'apps',
  fieldManager: 'kube-gitops',
  forceConflicts: false,
  prune: true,
  pruneDangerous: false,
  concurrency: 4,
  allowEmpty: false,
  wait: true,
  timeoutMs: 60_000,
};

describe('progress of a long run', () => {
  it('is told as every object is planned, applied and decided healthy', async () => {
    const desired: DesiredObject[] = Array.from({ length: 5 }, (_, i) => ({ object: configMap(`c${i}`), source: { file: 'deploy/c.yaml', line: i + 1 } }));
    const events: [ProgressStage, number, number][] = [];
    const report = await runApply(desired, settings, {
      client: new FakeCluster({ namespaces: ['apps'] }),
      logger: new RecordingLogger(),
      version: 'test',
      now: () => new Date(),
      progress: (stage, done, total) => events.push([stage, done, total]),
    });
    assert.equal(report.succeeded, true);
    for (const stage of ['planned', 'applied', 'decided'] as const) {
      assert.deepEqual(
        events.filter((e) => e[0] === stage).map((e) => `${e[1]}/${e[2]}`),
        ['1/5', '2/5', '3/5', '4/5', '5/5'],
        stage,
      );
    }
  });

  it('prints one line per tenth of a stage on a terminal, nothing for small stages, nothing off a terminal', () => {
    const lines: string[] = [];
    const progress = progressLines((t) => lines.push(t), true);
    assert.ok(progress);
    for (let done = 1; done <= 50; done++) progress('applied', done, 50);
    for (let done = 1; done <= 5; done++) progress('planned', done, 5);
    assert.deepEqual(lines, [
      'applied 5/50\n',
      'applied 10/50\n',
      'applied 15/50\n',
      'applied 20/50\n',
      'applied 25/50\n',
      'applied 30/50\n',
      'applied 35/50\n',
      'applied 40/50\n',
      'applied 45/50\n',
      'applied 50/50\n',
    ]);
    assert.equal(
      progressLines(() => assert.fail('no output off a terminal'), false),
      undefined,
    );
  });
});
