// The bench's one table (bench/peer-table.ts): which way each ratio runs, the request counts beside
// the times, and what a tool that was not run or cannot be built says in its cell.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { peerTable } from '../../../bench/peer-table.js';
import { SCENARIOS, type SizeResult } from '../../../bench/scenarios.js';

const size = (n: number, medians: SizeResult['medians'][(typeof SCENARIOS)[number]]): SizeResult => ({
  n,
  runs: 1,
  tools: [],
  rssMb: [],
  medians: Object.fromEntries(SCENARIOS.map((s) => [s, medians])) as SizeResult['medians'],
});

const rowOf = (table: string, n: number, scenario: string) => table.split('\n').find((l) => l.startsWith(`| ${n} | ${scenario} |`)) ?? '';

describe('the peer table', () => {
  it('puts a peer over kube-gitops as a process (above 1× we are faster) and our process over our engine in-process', () => {
    const table = peerTable([
      size(500, {
        'kube-gitops': { ms: 500, requests: 7 },
        'kube-gitops-process': { ms: 1000, requests: 9 },
        kapp: { ms: 3000, requests: 505 },
        'flux-ssa': { ms: 500, requests: 1000 },
        kubectl: { ms: 12_345, requests: 40 },
        floor: { ms: 100, requests: 2 },
      }),
    ]);
    const cells = rowOf(table, 500, 'plan-empty').split(' | ');
    assert.equal(cells[2], '500 ms · 7 req');
    assert.equal(cells[3], '1.00 s · 2.00× in-process · 9 req');
    assert.equal(cells[4], '12.3 s · **12.3×** · 40 req');
    assert.equal(cells[5], '3.00 s · **3.00×** · 505 req');
    assert.equal(cells[6], '500 ms · **0.50×** · 1000 req', 'a peer faster than our process shows below 1×');
    assert.equal(cells[7], '100 ms · 2 req');
    assert.match(rowOf(table, 500, 'plan-empty'), /not built¹ \|$/);
    assert.match(table, /¹ kluctl could not be built from the Go module proxy/);
  });

  it('says "not run" with the reason above the size each tool is run at, and prints no ratio without our process', () => {
    const table = peerTable([size(10_000, { 'kube-gitops': { ms: 14_550, requests: 10_040 }, floor: { ms: 6430, requests: 10_000 } })]);
    const cells = rowOf(table, 10_000, 'apply-first').split(' | ');
    assert.equal(cells[2], '14.6 s · 10040 req');
    assert.equal(cells[3], 'not run (N > 500)');
    assert.equal(cells[4], 'not run (N > 2000)');
    assert.equal(cells[5], 'not run (N > 500)');
    assert.equal(table.split('\n').filter((l) => l.startsWith('| 10000 |')).length, SCENARIOS.length);
  });
});
