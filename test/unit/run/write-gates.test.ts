// Issue 26, item 5: the checks before the first write are one list of gates run in order (the
// commit order guard first); the waits of a run share one set of options (a wave's wait reports
// progress as the final wait does); problems told apart by a code, never by their first words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readInventory } from '../../../src/inventory/applyset.js';
import { ApplyRefusedError } from '../../../src/model/apply-refused.js';
import { ManifestError } from '../../../src/model/errors.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { Plan } from '../../../src/model/plan.js';
import type { ProgressStage } from '../../../src/model/progress.js';
import { refusalLine, refusalOf } from '../../../src/model/refusal.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { runApply, type ApplyDeps } from '../../../src/run/apply-run.js';
import { commitOrderGate, confirmationGate, runGates, type GateContext, type WriteGate } from '../../../src/run/write-gates.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeCluster } from '../../support/fake-cluster.js';
import { testApplySettings } from '../../support/test-settings.js';

const settings = testApplySettings({ target: 'shop', namespace: 'apps', commit: 'c0ffee1', concurrency: 1, wait: true, timeoutMs: 30_000 });

const configMap = (name: string, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'apps', ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
  data: { k: 'v' },
});

function apply(objects: KubeObject[], deps: Partial<ApplyDeps> = {}) {
  const desired = objects.map((object, i) => ({ object, source: { file: 'deploy/shop.yaml', line: 1 + i * 10 } }));
  const cluster = new FakeCluster({ namespaces: ['apps'] });
  const run = runApply(desired, settings, {
    client: cluster,
    logger: new RecordingLogger(),
    version: '0.1.0',
    now: () => new Date(0),
    clock: new FakeClock(),
    ...deps,
  });
  return { cluster, run };
}

const context = (appliedCommit: string | undefined, commit = 'b'.repeat(40)): GateContext => ({
  plan: { target: 'shop', commit, basis: 'cluster', entries: [], warnings: [], problems: [] } satisfies Plan,
  inventory: { ...readInventory('shop', 'apps', undefined), ...(appliedCommit ? { appliedCommit } : {}) },
  commit,
});

describe('the gates before the first write', () => {
  it('runs every gate in order after the plan and writes nothing when one refuses; later gates are not asked', async () => {
    const asked: string[] = [];
    const gate =
      (name: string, refuse = false): WriteGate =>
      async ({ plan }) => {
        asked.push(`${name} ${plan.entries.length}`);
        if (refuse) throw new ApplyRefusedError(`Nothing was applied: ${name} said no.`, { plan });
      };
    const { cluster, run } = apply([configMap('settings')], { gates: [gate('signatures'), gate('review', true), gate('confirmation')] });
    await assert.rejects(run, (error: unknown) => error instanceof ApplyRefusedError && error.message === 'Nothing was applied: review said no.');
    assert.deepEqual(asked, ['signatures 1', 'review 1']);
    assert.deepEqual(cluster.writes(), [], 'nothing written, not even the lease or the parent');
  });

  it('refuses an older commit than the live one first, before any gate the front end gives', async () => {
    const asked: string[] = [];
    const later: WriteGate = async () => void asked.push('later');
    const gates = [commitOrderGate(async () => 'behind', new RecordingLogger()), later];
    const refused = await runGates(gates, context('a'.repeat(40))).then(
      () => undefined,
      (error: unknown) => error,
    );
    const refusal = refusalOf(refused);
    assert.ok(refusal);
    assert.equal(refusalLine(refusal), refusal.problems[0]?.message, 'the guard words its own line');
    assert.match(refusalLine(refusal), /^Refusing to apply bbbbbbb: it is older than aaaaaaa/);
    assert.deepEqual(asked, []);
    assert.equal(refusal.wentOutWith, 'a'.repeat(40), 'the live commit contains ours: it went out as part of it');
  });

  it('warns and goes on when the commits cannot be compared or have diverged', async () => {
    const logger = new RecordingLogger();
    await commitOrderGate(undefined, logger)(context('a'.repeat(40)));
    await commitOrderGate(async () => 'diverged', logger)(context('a'.repeat(40)));
    assert.deepEqual(logger.messages('warning'), [
      'Cannot check that bbbbbbb is newer than the live commit aaaaaaa (no GitHub API access); applying anyway.',
      'bbbbbbb and the live commit aaaaaaa have diverged (a force push?); applying bbbbbbb.',
    ]);
  });

  it('refuses when the confirmation says no', async () => {
    await assert.rejects(
      confirmationGate(async () => false)(context(undefined)),
      (error: unknown) => error instanceof ApplyRefusedError && error.message === 'Nothing was applied: the plan was not confirmed.',
    );
  });
});

describe('one set of wait options per run', () => {
  it("reports a wave's objects as decided, as it does for the final wait", async () => {
    const told: [ProgressStage, number, number][] = [];
    const { run } = apply([configMap('first', { 'kube-gitops.io/apply-wave': '0' }), configMap('second', { 'kube-gitops.io/apply-wave': '1' })], {
      progress: (stage, done, total) => void told.push([stage, done, total]),
    });
    assert.equal((await run).succeeded, true);
    assert.deepEqual(
      told.filter(([stage]) => stage === 'decided'),
      [
        ['decided', 1, 1],
        ['decided', 1, 1],
      ],
    );
  });
});

describe('problems told apart by their code', () => {
  it('words a lone problem as a refusal by its code, not by its first words', () => {
    const refusal = refusalOf(new ManifestError([{ message: 'Nothing was applied here: a manifest says so' }]));
    assert.ok(refusal);
    assert.equal(refusalLine(refusal), 'Nothing was applied: Nothing was applied here: a manifest says so');
  });

  it('names allow-empty for an empty set by its code', async () => {
    const { run } = apply([]);
    await assert.rejects(run, (error: unknown) => error instanceof ApplyRefusedError && error.input === 'allow-empty');
  });
});
