import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError } from '../../../src/model/errors.js';
import { NO_AMOUNTS } from '../../../src/model/resources.js';
import { monthlyCost } from '../../../src/plan/resource-prices.js';
import { readSettings } from '../../../src/settings/read-settings.js';

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';
const GI = 1024 ** 3;

describe('the prices input and the monthly estimate', () => {
  it('reads cpu-hour, gib-hour and storage-gib-month; empty gives no prices', () => {
    assert.equal(readSettings(inputs({}), {}).prices, undefined);
    assert.deepEqual(readSettings(inputs({ prices: ' cpu-hour=0.031, gib-hour=0.004 ' }), {}).prices, { cpuHour: 0.031, gibHour: 0.004, storageGibMonth: 0 });
    assert.deepEqual(readSettings(inputs({ prices: 'storage-gib-month=0.08' }), {}).prices, { cpuHour: 0, gibHour: 0, storageGibMonth: 0.08 });
  });

  it('refuses a bad value with a ConfigurationError naming the input', () => {
    for (const [value, why] of [
      ['cpu=0.031', /unknown key "cpu"/],
      ['cpu-hour=-1', /gives cpu-hour "-1", not a plain decimal price/],
      ['cpu-hour=1e3', /not a plain decimal price/],
      ['cpu-hour', /gives cpu-hour "", not a plain decimal price/],
      ['cpu-hour=1=2', /not a plain decimal price/],
      ['__proto__=1', /unknown key "__proto__"/],
      ['constructor=1', /unknown key "constructor"/],
    ] as const) {
      assert.throws(
        () => readSettings(inputs({ prices: value }), {}),
        (e: unknown) => e instanceof ConfigurationError && e.input === 'prices' && e.message.startsWith("Input 'prices' ") && why.test(e.message),
        value,
      );
    }
  });

  it('prices the change in requests over 730 hours, low and high', () => {
    const low = { ...NO_AMOUNTS, cpuRequests: 2, memoryRequests: 4 * GI, storage: 10 * GI };
    const high = { ...low, cpuRequests: 4 };
    const m = monthlyCost({ low, high }, { cpuHour: 0.03, gibHour: 0.004, storageGibMonth: 0.1 });
    assert.equal(Number(m.low.toFixed(4)), Number((730 * (2 * 0.03 + 4 * 0.004) + 1).toFixed(4)));
    assert.equal(Number(m.high.toFixed(4)), Number((730 * (4 * 0.03 + 4 * 0.004) + 1).toFixed(4)));
  });
});
