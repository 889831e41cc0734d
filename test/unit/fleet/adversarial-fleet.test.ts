// Adversarial: plan files are artifacts a pull request's workflow uploaded, so the fleet comment
// treats every byte of them as data. Hostile names and values stay text; a forged review record is
// never carried; files that are not plan files, too large, or linked from outside are named, never
// dropped or followed; a stale or missing plan is named; any fleet size fits GitHub's limit.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { renderFleetMarkdown } from '../../../src/fleet/fleet-markdown.js';
import { fleetFailures, fleetMembers } from '../../../src/fleet/fleet-members.js';
import { readPlanFiles } from '../../../src/fleet/plan-file-read.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { byteSize } from '../../../src/render/byte-budget.js';
import { parseFleetReviewMarker } from '../../../src/review/fleet-review-marker.js';
import { HEAD, PR, runOf, writePlanFileOf } from '../../support/fleet-plans.js';
import { liveMarkup } from '../../support/live-markup.js';
import { livePlan, planEntry } from '../../support/plan-entries.js';
import { api, fleetOf, plansDir, regionPlan } from './fleet-fixtures.js';

const options = { maxBytes: 65_000 };
const HOSTILE =
  '@octocat ![t](https://evil.invalid/p.png) [l](https://evil.invalid) <img src=x onerror=alert(1)> <!-- kube-gitops:review --> --> </details> ' +
  '`tick` ``` | pipe *em* #12 www.evil.invalid\n# INJECTED\n<!-- kube-gitops:fleet -->';

/** The body below the heading: where no text of a plan file may be live. */
const below = (body: string): string => body.slice(body.indexOf('\n###')).replace(/\[summary\]\(https:\/\/github\.com\/octo\/fleet\/actions\/runs\/\d+\)/g, '');

describe('the fleet comment, against hostile plan files', () => {
  it('keeps names, namespaces and values with Markdown, HTML, comment openers and newlines as text', () => {
    const dir = plansDir();
    const cm = (value: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: HOSTILE, namespace: HOSTILE }, data: { v: value } });
    const plan = livePlan([planEntry('update', cm('old'), cm(HOSTILE), { notes: [HOSTILE] })], { target: 'eu', commit: HEAD, warnings: [HOSTILE] });
    plan.problems.push({ message: HOSTILE, source: { file: HOSTILE, line: 1 } });
    writePlanFileOf(dir, plan, runOf(plan, { namespace: HOSTILE, failure: HOSTILE, runUrl: `javascript:alert(1)//${HOSTILE}` }));
    const ok = regionPlan('us', { entries: [planEntry('delete', cm(HOSTILE))] });
    writePlanFileOf(dir, ok, runOf(ok, { namespace: HOSTILE }));
    const body = renderFleetMarkdown(fleetOf(dir, ['eu', 'us', HOSTILE], new Map([[HOSTILE, HOSTILE]])), options);
    assert.deepEqual(liveMarkup(below(body), ''), []);
    const openers = body.match(/<!--/g)?.length ?? 0;
    assert.equal(openers, 1 + body.split('\n').filter((l) => l.startsWith('<!-- kube-gitops:review ')).length, 'only the marker and the records open comments');
    assert.ok(!body.includes('javascript:'), 'a run URL not of a workflow run is not linked');
  });

  it("never carries a plan file's forged record: another pull request, another commit, another target", () => {
    const dir = plansDir();
    const forged = { pr: regionPlan('eu'), commit: regionPlan('us'), target: regionPlan('asia') };
    writePlanFileOf(dir, forged.pr, runOf(forged.pr, { review: runOf(forged.pr, {}, 7).review ?? '' }));
    writePlanFileOf(dir, forged.commit, runOf(forged.commit, { review: runOf(regionPlan('us', { commit: 'd'.repeat(40) })).review ?? '' }));
    const realUs = runOf(regionPlan('us')).review ?? '';
    writePlanFileOf(dir, forged.target, runOf(forged.target, { review: realUs }));
    const smuggled = regionPlan('ap');
    writePlanFileOf(dir, smuggled, runOf(smuggled, { review: `${runOf(smuggled).review ?? ''}\n${realUs}` }));
    const body = renderFleetMarkdown(fleetOf(dir, ['eu', 'us', 'asia', 'ap'], new Map()), options);
    for (const target of ['eu', 'us', 'asia', 'ap']) assert.equal(parseFleetReviewMarker(body, target), undefined, target);
    assert.match(body, /\| `eu` \|.*\| its review record is of another pull request \|/);
    assert.match(body, /\| `us` \|.*\| its review record is of another commit \|/);
    assert.match(body, /\| `asia` \|.*\| its review record does not read \|/);
    assert.match(body, /\| `ap` \|.*\| its review record does not read \|/);
  });

  it('names a plan file that is not JSON, one of the wrong shape and one over the size limit, and fails the fleet step', () => {
    const dir = plansDir();
    mkdirSync(path.join(dir, 'plan-a'));
    writeFileSync(path.join(dir, 'plan-a', 'broken.json'), '{"target": "a", ');
    writeFileSync(
      path.join(dir, 'plan-a', 'shape.json'),
      JSON.stringify({ target: 'a', commit: HEAD, basis: 'cluster', entries: [{ action: 'update' }], problems: [], run: {} }),
    );
    writeFileSync(path.join(dir, 'plan-a', 'huge.json'), `{"pad": "${'x'.repeat(5000)}"}`);
    const plans = readPlanFiles(dir, { maxFiles: 10, maxFileBytes: 4096, maxTotalBytes: 1 << 20 });
    assert.deepEqual(
      plans.unreadable.map((u) => [u.path, u.why.replace(/\(.*\)/, '(…)')]),
      [
        ['plan-a/broken.json', 'not JSON (…)'],
        ['plan-a/huge.json', '0 MiB, over the 0 MiB a plan file may have: not read'],
        ['plan-a/shape.json', 'entries[0].ref: not an object'],
      ],
    );
    const fleet = fleetMembers({ plans, targets: ['a'], notPlanned: new Map(), head: HEAD, pullRequest: PR });
    const body = renderFleetMarkdown(fleet, options);
    for (const name of ['broken.json', 'huge.json', 'shape.json'])
      assert.match(body, new RegExp(`\\| \`plan-a/${name.replace('.', '\\.')}\` \\| ⛔ unreadable plan file`));
    assert.deepEqual(fleetFailures(fleet), ['1 target(s) have no plan file', '3 plan file(s) do not read']);
  });

  it('does not follow a symbolic link out of the plans directory, and names it', () => {
    const dir = plansDir();
    const outside = path.join(os.tmpdir(), `kg-fleet-outside-${process.pid}.json`);
    writeFileSync(outside, '{}');
    symlinkSync(outside, path.join(dir, 'leak.json'));
    assert.deepEqual(readPlanFiles(dir).unreadable, [{ path: 'leak.json', why: 'a symbolic link to a place outside the plans directory: not followed' }]);
  });

  it('names a stale plan file (another commit) and a missing one, records neither, and fails the fleet step', () => {
    const dir = plansDir();
    const old = regionPlan('eu', { commit: 'd'.repeat(40) });
    writePlanFileOf(dir, old, runOf(old));
    const fleet = fleetOf(dir, ['eu', 'us'], new Map());
    const body = renderFleetMarkdown(fleet, options);
    assert.match(body, /\| `eu` \| ⚠️ stale plan file `plan-eu\/kube-gitops-plan-eu\.json`: planned at `ddddddd`, not the head `c0ffee1` \|/);
    assert.match(body, /\| `us` \| ❓ no plan file \|/);
    assert.match(body, /⚠️ \*\*What merging does is not shown for every target\*\*: `eu`, `us` have no plan of this commit/);
    assert.equal(parseFleetReviewMarker(body, 'eu'), undefined);
    assert.deepEqual(fleetFailures(fleet), ['1 target(s) have a plan file of another commit', '1 target(s) have no plan file']);
  });

  it('keeps the plan file of the head when a target has two, and names the other', () => {
    const dir = plansDir();
    const old = regionPlan('eu', { commit: 'd'.repeat(40) });
    writePlanFileOf(dir, old, runOf(old), 'eu-old');
    const now = regionPlan('eu');
    writePlanFileOf(dir, now, runOf(now));
    const body = renderFleetMarkdown(fleetOf(dir, ['eu'], new Map()), options);
    assert.match(body, /\| `eu` \| 🚀 changes \|/);
    assert.match(body, /\| `eu` \| ⚠️ a second plan file `plan-eu-old\/kube-gitops-plan-eu-old\.json`, at `ddddddd`: not used \|/);
  });

  it('fits 65,000 bytes with 256 targets, each with its own changes, keeping every record and saying what was left out', () => {
    const dir = plansDir();
    const targets = Array.from({ length: 256 }, (_, i) => `cluster-${String(i).padStart(3, '0')}`);
    for (const [i, target] of targets.entries()) {
      const ns = `shop-${target}`;
      const entries = Array.from({ length: 20 }, (_, j) => planEntry('update', api(ns, `api:${i}.${j}`), api(ns, `api:${i}.${j + 1}-${'x'.repeat(200)}`)));
      entries.forEach((e, j) => (e.ref = { ...e.ref, name: `api-${j}` }));
      const plan = regionPlan(target, { entries });
      writePlanFileOf(dir, plan, runOf(plan, { namespace: ns }));
    }
    const body = renderFleetMarkdown(fleetOf(dir, targets, new Map()), options);
    assert.ok(byteSize(body) <= 65_000, `${byteSize(body)} bytes`);
    for (const target of targets) assert.ok(parseFleetReviewMarker(body, target), `the record of ${target}`);
    assert.match(
      body,
      /> Left out to fit GitHub's size limit: \d+ table rows; \d+ changes \(update\); the details of `cluster-\d+`, `cluster-\d+`, `cluster-\d+` and \d+ more\./,
    );
    assert.match(body, /…and \d+ more targets: `cluster-\d+`, /);
  });
});
