// The `prices` input and the monthly estimate it gives: `cpu-hour=0.031,gib-hour=0.004` (and
// optionally `storage-gib-month=0.08`), each a plain decimal price in the reader's currency. The
// estimate is the change in requests (not limits) over 730 hours: CPU cores × cpu-hour + GiB of
// memory × gib-hour, plus GiB of storage × storage-gib-month. No pricing service is asked.
import { ConfigurationError } from '../model/errors.js';
import type { AmountRange, ResourceAmounts } from '../model/resources.js';

export interface Prices {
  cpuHour: number;
  gibHour: number;
  storageGibMonth: number;
}

export const HOURS_A_MONTH = 730;
const GIB = 1024 ** 3;
const KEYS: Readonly<Record<string, keyof Prices>> = { 'cpu-hour': 'cpuHour', 'gib-hour': 'gibHour', 'storage-gib-month': 'storageGibMonth' };
const PRICE = /^[0-9]{1,9}(\.[0-9]{1,9})?$/;

/** `text` as prices; undefined when empty; a ConfigurationError naming `input` otherwise. */
export function parsePrices(text: string, input: string): Prices | undefined {
  if (text.trim() === '') return undefined;
  const prices: Prices = { cpuHour: 0, gibHour: 0, storageGibMonth: 0 };
  const bad = (why: string): never => {
    throw new ConfigurationError(`Input '${input}' ${why}; expected e.g. cpu-hour=0.031,gib-hour=0.004 (keys: ${Object.keys(KEYS).join(', ')}).`, input);
  };
  for (const part of text.split(',').map((p) => p.trim())) {
    const [key = '', value, ...rest] = part.split('=').map((s) => s.trim());
    const field = KEYS[key];
    if (!field || !Object.hasOwn(KEYS, key)) bad(`has an unknown key "${key.slice(0, 40)}"`);
    else if (value === undefined || rest.length > 0 || !PRICE.test(value)) bad(`gives ${key} "${(value ?? '').slice(0, 40)}", not a plain decimal price`);
    else prices[field] = Number(value);
  }
  return prices;
}

function cost(a: ResourceAmounts, p: Prices): number {
  return HOURS_A_MONTH * (a.cpuRequests * p.cpuHour + (a.memoryRequests / GIB) * p.gibHour) + (a.storage / GIB) * p.storageGibMonth;
}

export function monthlyCost(total: AmountRange, prices: Prices): { low: number; high: number } {
  return { low: cost(total.low, prices), high: cost(total.high, prices) };
}
