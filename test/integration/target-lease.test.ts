// Two runs never interleave their writes on one target: the per-target Lease against the local
// control plane. Every test waits on events (a log line, a lease read), never on timing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findType } from '../../src/cluster/resource-catalogue.js';
import type { ResourceType } from '../../src/cluster/cluster-client.js';
import { COMMIT_ANNOTATION, parentName } from '../../src/inventory/applyset.js';
import { acquireLease, type HeldLease } from '../../src/inventory/lease-holder.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { getAnnotations, type KubeObject } from '../../src/objects/kube-object.js';
import { planChanges } from '../../src/plan/planner.js';
import { ApplyRefusedError } from '../../src/model/apply-refused.js';
import { runApply, type ApplySettings } from '../../src/run/apply-run.js';
import type { CommitOrder } from '../../src/run/write-gates.js';
import { systemClock } from '../../src/model/clock.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const OLD = `01${'a'.repeat(38)}`;
const MID = `02${'a'.repeat(38)}`;
const NEW = `03${'a'.repeat(38)}`;
/** Commits compare by their first two digits, as GitHub's compare API would order them on one branch. */
const compareCommits = (base: string, head: string): Promise<CommitOrder> =>
  Promise.resolve(base === head ? 'identical' : head.slice(0, 2) > base.slice(0, 2) ? 'ahead' : 'behind');

/** ConfigMaps named after the target (each test has a target of its own in one namespace). */
function configMaps(target: string, commit: string, names: string[]): DesiredObject[] {
  return names.map((name, i) => ({
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${target}-${name}` }, data: { commit } } as KubeObject,
    source: { file: 'deploy/app.yaml', line: 1 + i * 6 },
  }));
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} never happened`);
}

describe('one run at a time per target: the Lease', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  let leaseType: ResourceType;
  let target = '';
  let serial = 0;

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('lease');
    const type = findType(await c.client().resourceTypes(), { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' });
    assert.ok(type);
    leaseType = type;
  });
  after(async () => ns.cleanup());

  function settings(commit: string, extra: Partial<ApplySettings> = {}): ApplySettings {
    return testApplySettings({ target, namespace: ns.name, commit, timeoutMs: 120_000, wait: false, ...extra });
  }

  function apply(desired: DesiredObject[], commit: string, holder: string, logger = new RecordingLogger(), extra: Partial<ApplySettings> = {}) {
    return runApply(desired, settings(commit, extra), {
      client: c.client(),
      logger,
      version: '0.1.0-test',
      now: () => new Date(),
      compareCommits,
      lease: { holder },
    });
  }

  function hold(holder: string): Promise<HeldLease> {
    return acquireLease(c.client(), leaseType, { target, namespace: ns.name, holder, waitMs: 60_000, clock: systemClock, logger: new RecordingLogger() });
  }

  async function liveData(name: string): Promise<string | undefined> {
    const out = await c.kubectl(['get', 'configmap', `${target}-${name}`, '-n', ns.name, '--ignore-not-found', '-o', 'jsonpath={.data.commit}']);
    return out.trim() === '' ? undefined : out.trim();
  }

  async function recordedCommit(): Promise<string> {
    const out = await c.kubectl(['get', 'secret', parentName(target), '-n', ns.name, '-o', 'json']);
    return getAnnotations(JSON.parse(out) as KubeObject)[COMMIT_ANNOTATION] ?? '';
  }

  async function leaseHolder(): Promise<string> {
    return (await c.kubectl(['get', 'lease', parentName(target), '-n', ns.name, '-o', 'jsonpath={.spec.holderIdentity}'])).trim();
  }

  const nextTarget = () => (target = `lease-${++serial}`);

  it('refuses, after waiting, while another run holds the lease, naming it; writes nothing; plans are not held up', async () => {
    nextTarget();
    const other = await hold('https://github.com/acme/shop/actions/runs/1');
    try {
      const plan = await planChanges(configMaps(target, MID, ['a']), c.client(), settings(MID), new RecordingLogger());
      assert.equal(plan.plan.entries[0]?.action, 'create', 'a plan takes no lease');
      const refused = await apply(configMaps(target, MID, ['a']), MID, 'me', new RecordingLogger(), { timeoutMs: 3_000 }).then(
        () => assert.fail('applied while the lease was held'),
        (error: unknown) => error,
      );
      assert.ok(refused instanceof ApplyRefusedError, String(refused));
      assert.match(refused.message, /another run is applying to target lease-1 .*https:\/\/github\.com\/acme\/shop\/actions\/runs\/1/);
      assert.equal(await liveData('a'), undefined, 'nothing was written');
      assert.equal(await c.kubectl(['get', 'secret', parentName(target), '-n', ns.name, '--ignore-not-found', '-o', 'name']), '', 'not even the parent');
    } finally {
      await other.release();
    }
  });

  it('waits for the holder to release the lease, then applies and releases its own', async () => {
    nextTarget();
    const other = await hold('another run');
    const logger = new RecordingLogger();
    const waiting = apply(configMaps(target, MID, ['a', 'b']), MID, 'me', logger);
    await until('the run waiting for the lease', () => logger.messages('info').some((m) => m.startsWith('Waiting for the lease')));
    assert.equal(await liveData('a'), undefined, 'nothing written while waiting');
    await other.release();
    const report = await waiting;
    assert.equal(report.succeeded, true, JSON.stringify(report.outcome.failed));
    assert.equal(await liveData('b'), MID);
    assert.equal(await leaseHolder(), '', 'released at the end');
  });

  it('plans again once the lease is held when another run applied meanwhile, and refuses an older commit that finished waiting last', async () => {
    nextTarget();
    assert.equal((await apply(configMaps(target, OLD, ['a']), OLD, 'first')).succeeded, true);
    const other = await hold('the run of the newest commit');
    const logger = new RecordingLogger();
    const late = apply(configMaps(target, MID, ['a', 'mid-only']), MID, 'late run of an older commit', logger);
    await until('the run waiting for the lease', () => logger.messages('info').some((m) => m.startsWith('Waiting for the lease')));
    // What the holder did: it applied NEW (recorded on the parent), then released the lease.
    await c.kubectl(['annotate', 'secret', parentName(target), '-n', ns.name, '--overwrite', `${COMMIT_ANNOTATION}=${NEW}`]);
    await other.release();
    const refused = await late.then(
      () => assert.fail('the older commit was applied over the newer one'),
      (error: unknown) => error,
    );
    assert.ok(refused instanceof ApplyRefusedError, String(refused));
    assert.match(refused.message, /Refusing to apply 02aaaaa: it is older than 03aaaaa/);
    assert.ok(logger.messages('info').some((m) => m.includes('planning again')));
    assert.equal(await liveData('mid-only'), undefined);
    assert.equal(await recordedCommit(), NEW);
  });

  it('takes over a lease whose holder died, once it has not been renewed for its whole duration', async () => {
    nextTarget();
    await c.kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: parentName(target), namespace: ns.name },
        spec: { holderIdentity: 'a run that was killed', leaseDurationSeconds: 1, renewTime: '2026-01-01T00:00:00.000000Z' },
      }),
    );
    const logger = new RecordingLogger();
    const report = await apply(configMaps(target, MID, ['a']), MID, 'me', logger);
    assert.equal(report.succeeded, true);
    assert.ok(logger.messages('info').some((m) => m.includes('(a run that was killed)')));
    assert.equal(await liveData('a'), MID);
  });

  it('two runs started together never interleave: the newest commit is live and recorded, and nothing of the older is left over', async () => {
    nextTarget();
    const [older, newer] = await Promise.allSettled([
      apply(configMaps(target, MID, ['shared', 'mid-only', 'm2', 'm3']), MID, 'run of MID'),
      apply(configMaps(target, NEW, ['shared', 'n1', 'n2', 'n3']), NEW, 'run of NEW'),
    ]);
    assert.equal(newer.status, 'fulfilled', newer.status === 'rejected' ? String(newer.reason) : '');
    assert.equal(newer.value.succeeded, true);
    // The older run either went first (and was pruned by the newer) or waited and was refused.
    if (older.status === 'rejected') assert.match(String(older.reason), /older than 03aaaaa/);
    assert.equal(await liveData('shared'), NEW);
    assert.equal(await recordedCommit(), NEW);
    for (const leftover of ['mid-only', 'm2', 'm3']) assert.equal(await liveData(leftover), undefined, `${leftover} of the older commit`);
    assert.equal(await liveData('n3'), NEW);
  });
});
