import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readQuantity, unitsOf } from '../../../src/plan/resource-quantity.js';

const nano = (q: unknown): bigint => {
  const r = readQuantity(q);
  assert.ok(r.ok, `${String(q)} reads`);
  return r.nano;
};
const units = (q: unknown): number => unitsOf(nano(q));
const why = (q: unknown): string => {
  const r = readQuantity(q);
  assert.ok(!r.ok, `${String(q)} does not read`);
  return r.why;
};

describe('Kubernetes quantities', () => {
  it('reads every decimal suffix: n u m (none) k M G T P E', () => {
    assert.equal(nano('1n'), 1n);
    assert.equal(nano('1u'), 1_000n);
    assert.equal(nano('250m'), 250_000_000n);
    assert.equal(units('2'), 2);
    assert.equal(units('3k'), 3_000);
    assert.equal(units('3M'), 3_000_000);
    assert.equal(units('3G'), 3e9);
    assert.equal(units('3T'), 3e12);
    assert.equal(units('3P'), 3e15);
    assert.equal(nano('3E'), 3n * 10n ** 27n);
  });

  it('reads every binary suffix: Ki Mi Gi Ti Pi Ei', () => {
    assert.equal(units('1Ki'), 1024);
    assert.equal(units('1Mi'), 1024 ** 2);
    assert.equal(units('1Gi'), 1024 ** 3);
    assert.equal(units('1Ti'), 1024 ** 4);
    assert.equal(units('1Pi'), 1024 ** 5);
    assert.equal(nano('1Ei'), 2n ** 60n * 1_000_000_000n);
  });

  it('reads fractions and e-notation exactly', () => {
    assert.equal(units('1.5Gi'), 1.5 * 1024 ** 3);
    assert.equal(units('0.5'), 0.5);
    assert.equal(units('.5'), 0.5);
    assert.equal(units('1e3'), 1000);
    assert.equal(units('1E3'), 1000);
    assert.equal(units('12e-3'), 0.012);
    assert.equal(units('1.5e+2'), 150);
    assert.equal(units(' 100m '), 0.1);
    assert.equal(nano('100m') + nano('200m'), nano('300m'), 'sums are exact (no 0.30000000000000004)');
  });

  it('reads numbers (YAML `cpu: 2`) and signs', () => {
    assert.equal(units(2), 2);
    assert.equal(units(0.25), 0.25);
    assert.equal(nano('-1'), -1_000_000_000n);
    assert.equal(nano('+1'), 1_000_000_000n);
  });

  it('rounds a fraction below a nano-unit up, as the server does', () => {
    assert.equal(nano('1e-10'), 1n);
    assert.equal(nano('0.0000000001'), 1n);
  });

  it('says why a malformed quantity does not read, naming it, without throwing', () => {
    for (const bad of ['12abc', '1.5.5', '', 'Gi', '1 Gi', '1gi', '1ki', '--1', '1e', '1e3Mi', '0x10', 'NaN', 'Infinity'])
      assert.match(why(bad), /is not a Kubernetes quantity/);
    assert.match(why(null), /not a quantity/);
    assert.match(why({ cpu: 1 }), /not a quantity/);
    assert.match(why(Number.POSITIVE_INFINITY), /not a finite number/);
    assert.match(why(`${'9'.repeat(500)}`), /too large/);
  });

  it('refuses huge exponents quickly instead of building a huge number', () => {
    assert.match(why('1e1000000000'), /too large/);
    assert.match(why('1e-1000000000'), /too large/);
    assert.match(why(1e300), /too large/);
    assert.equal(units('999999999999Ei') > 1e30, true, 'a large but bounded quantity reads');
  });

  it('quotes at most 40 characters of a bad value', () => {
    assert.ok(why(`x${'a'.repeat(10_000)}`).length < 120);
  });
});
