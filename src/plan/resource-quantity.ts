// A Kubernetes quantity (`500m`, `1.5Gi`, `2e3`, `128974848`) read exactly, as the API server reads
// it (k8s.io/apimachinery resource.Quantity): an optional sign, a decimal number, then one suffix:
// binary (Ki Mi Gi Ti Pi Ei), decimal (n u m "" k M G T P E) or a decimal exponent (e3, E-2).
// The value is a BigInt count of nano-units (10^-9), so sums are exact; a fraction below a nano-unit
// rounds up, as the server rounds. A quantity from a pull request's manifest is data: one that does
// not read, or is too large to be a resource amount, gives a sentence saying so, never an exception.
// (@kubernetes/client-node's quantityToScalar reads neither `1.5Gi` nor `1e3Mi`, and only
// src/cluster may import it.)

const NANO = 1_000_000_000n;

const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const FORM = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** Digits and exponents past these are no amount of CPU, memory or storage (and would cost time as BigInts). */
const MAX_DIGITS = 40;
const MAX_EXPONENT = 40;

export type QuantityRead = { ok: true; nano: bigint } | { ok: false; why: string };

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a || a < 0n ? q : q + 1n;
}

/** `value` read as a quantity, in nano-units. */
export function readQuantity(value: unknown): QuantityRead {
  if (typeof value === 'number') return Number.isFinite(value) ? readQuantity(String(value)) : { ok: false, why: 'is not a finite number' };
  if (typeof value !== 'string') return { ok: false, why: 'is not a quantity (a string such as 500m or 1Gi)' };
  const m = FORM.exec(value.trim());
  if (!m) return { ok: false, why: `"${value.slice(0, 40)}" is not a Kubernetes quantity (e.g. 500m, 2, 1.5Gi, 1e3)` };
  const [, sign = '', number = '', suffix = ''] = m;
  const [whole = '', fraction = ''] = number.split('.');
  const digits = `${whole}${fraction}`.replace(/^0+(?=[0-9])/, '');
  let exponent = 0;
  let binary = 0;
  if (suffix in BINARY) binary = BINARY[suffix] ?? 0;
  else if (suffix in DECIMAL) exponent = DECIMAL[suffix] ?? 0;
  else exponent = Number(suffix.slice(1));
  if (digits.length > MAX_DIGITS || Math.abs(exponent) > MAX_EXPONENT)
    return { ok: false, why: `"${value.slice(0, 40)}" is too large to be a resource amount` };
  const scale = exponent + 9 - fraction.length;
  const mantissa = BigInt(digits || '0') * (1n << BigInt(binary));
  const nano = scale >= 0 ? mantissa * 10n ** BigInt(scale) : ceilDiv(mantissa, 10n ** BigInt(-scale));
  return { ok: true, nano: sign === '-' ? -nano : nano };
}

/** Nano-units as a plain number of units (cores, bytes): exact up to 2^53 units, close beyond. */
export function unitsOf(nano: bigint): number {
  const whole = nano / NANO;
  return Number(whole) + Number(nano - whole * NANO) / 1e9;
}

/** A whole count (replicas, pods) as nano-units' multiplier. */
export function timesCount(nano: bigint, count: number): bigint {
  return nano * BigInt(count);
}
