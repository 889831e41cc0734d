// The fleet's drift summary issue: drifted targets first with a link to their own issue, targets that
// could not be checked keep it open, it closes only when every target was checked and none differs,
// and it fits GitHub's limit at any fleet size, whatever the reasons say.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetDriftSummary, type FleetDriftTarget } from '../../../src/fleet/fleet-drift-summary.js';
import { COMMENT_LIMIT_BYTES } from '../../../src/github/sticky-comment.js';
import { liveMarkup } from '../../support/live-markup.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

describe('the fleet drift summary', () => {
  it('lists drifted targets first, linking their issues, and stays open while one differs', () => {
    const targets: FleetDriftTarget[] = [
      { target: 'eu', state: 'matches' },
      { target: 'us', state: 'differs', issue: { number: 7, url: 'https://github.com/o/r/issues/7' } },
    ];
    const s = fleetDriftSummary(targets, SHA, 'https://github.com/o/r/actions/runs/1');
    assert.equal(s.open, true);
    assert.equal(s.title, 'kube-gitops: 1 of 2 targets differ from Git');
    assert.ok(s.body.indexOf('| `us` | **differs** | [#7](https://github.com/o/r/issues/7) |') < s.body.indexOf('| `eu` | matches | — |'));
  });

  it('stays open while a target could not be checked, and closes only when every target matches', () => {
    const unchecked = fleetDriftSummary([{ target: 'eu', state: 'unchecked', reason: 'no plan file' }], SHA);
    assert.equal(unchecked.open, true);
    assert.match(unchecked.body, /\| `eu` \| not checked: no plan file \|/);
    const clean = fleetDriftSummary([{ target: 'eu', state: 'matches' }], SHA);
    assert.equal(clean.open, false);
    assert.match(clean.closingComment, /^Every target \(1\) matches Git at a1b2c3d/);
  });

  it('fits the limit with 300 unchecked targets and long reasons, shows reasons as data', () => {
    const reason = `<img src=x onerror=alert(1)> [link](https://evil.example) @team ${'x'.repeat(600)}`;
    const targets = Array.from({ length: 300 }, (_, i): FleetDriftTarget => ({ target: `target-${String(i).padStart(3, '0')}`, state: 'unchecked', reason }));
    const s = fleetDriftSummary(targets, SHA);
    assert.ok(Buffer.byteLength(s.body) < COMMENT_LIMIT_BYTES, `${Buffer.byteLength(s.body)} bytes`);
    assert.match(s.body, /\| …and \d+ more target\(s\) \|/);
    assert.deepEqual(liveMarkup(s.body, ''), []);
  });
});
