// Correctly rounded exp, sin and cos for the few coefficient evaluations of the recursive Gaussian.
//
// ITK computes its filter coefficients with the C library (glibc), whose exp/sin/cos return the
// correctly rounded double for practically every argument. V8's Math.exp/sin/cos are off by one ulp
// for roughly 10 % of the arguments that occur here (e.g. cos(0.6681)), which can flip the last bit
// of a float32 LoG voxel. These functions evaluate the series in 256-bit fixed point (BigInt) and
// round once, so they match glibc. They are slow (~0.1 ms) and meant for coefficients only.

const FRACTION_BITS = 256n;
const ONE = 1n << FRACTION_BITS;

/** Exact fixed-point value (scaled by 2^256) of a finite double. */
function toFixed(x: number): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`exactMath: argument must be finite, got ${x}`);
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biasedExponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent = biasedExponent - 1075; // x = mantissa * 2^exponent
  if (biasedExponent === 0) exponent = -1074;
  else mantissa |= 1n << 52n;
  const shift = BigInt(exponent) + FRACTION_BITS;
  const magnitude = shift >= 0n ? mantissa << shift : mantissa >> -shift;
  return negative ? -magnitude : magnitude;
}

/** Nearest double to a fixed-point value (Number(bigint) rounds to nearest, ties to even). */
function fromFixed(v: bigint): number {
  // Keep all significant bits in the BigInt → Number conversion, then scale by an exact power of two.
  return Number(v) * 2 ** -Number(FRACTION_BITS);
}

function mul(a: bigint, b: bigint): bigint {
  return (a * b) >> FRACTION_BITS;
}

/** π in fixed point, by Machin's formula π = 16·atan(1/5) − 4·atan(1/239). */
const PI = (() => {
  const atanInverse = (n: bigint): bigint => {
    const guard = ONE << 16n;
    let term = guard / n;
    let sum = term;
    const n2 = n * n;
    for (let k = 1n; term !== 0n; k++) {
      term /= n2;
      sum += (k % 2n === 1n ? -term : term) / (2n * k + 1n);
    }
    return sum >> 16n;
  };
  return 16n * atanInverse(5n) - 4n * atanInverse(239n);
})();

export function exactExp(x: number): number {
  if (x === 0) return 1;
  if (Math.abs(x) > 700) throw new RangeError(`exactExp: argument ${x} out of the supported range`);
  // exp(x) = exp(x / 2^k)^(2^k), with |x / 2^k| < 1/64 so the series converges in a few terms.
  let k = 0n;
  let r = toFixed(x);
  while ((r < 0n ? -r : r) > ONE >> 6n) {
    r >>= 1n;
    k++;
  }
  let sum = ONE;
  let term = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = mul(term, r) / n;
    sum += term;
  }
  for (let i = 0n; i < k; i++) sum = mul(sum, sum);
  return fromFixed(sum);
}

/** sin and cos of x by Taylor series after reduction to [−π, π]. */
function sinCosFixed(x: number): { sin: bigint; cos: bigint } {
  const twoPi = 2n * PI;
  let r = toFixed(x) % twoPi;
  if (r > PI) r -= twoPi;
  if (r < -PI) r += twoPi;
  const r2 = mul(r, r);
  let sin = r;
  let cos = ONE;
  let sinTerm = r;
  let cosTerm = ONE;
  for (let n = 1n; sinTerm !== 0n || cosTerm !== 0n; n++) {
    cosTerm = -mul(cosTerm, r2) / ((2n * n - 1n) * (2n * n));
    sinTerm = -mul(sinTerm, r2) / ((2n * n) * (2n * n + 1n));
    cos += cosTerm;
    sin += sinTerm;
  }
  return { sin, cos };
}

export function exactSin(x: number): number {
  return x === 0 ? x : fromFixed(sinCosFixed(x).sin);
}

export function exactCos(x: number): number {
  return fromFixed(sinCosFixed(x).cos);
}
