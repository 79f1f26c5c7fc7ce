// JSON conventions of the reference files: NaN/±Infinity → null, typed arrays → arrays, numbers
// as the shortest decimal that round-trips (JavaScript's own number formatting).
export function toReferenceJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
      return v;
    },
    1,
  );
}

/** R's round(x, digits) (R ≥ 4.0: the nearer of the two decimal candidates, ties to even). */
export function roundR(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const p = Math.pow(10, digits);
  const lo = Math.floor(x * p);
  const hi = Math.ceil(x * p);
  const a = lo / p;
  const b = hi / p;
  const da = Math.abs(x - a);
  const db = Math.abs(b - x);
  if (da < db) return a;
  if (db < da) return b;
  return lo % 2 === 0 ? a : b;
}

/** R's median(): the middle value, or the mean of the two middle values. */
export function medianR(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}
