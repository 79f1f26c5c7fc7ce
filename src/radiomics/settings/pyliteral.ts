// Python literals as PyRadiomics prints them in its diagnostics (repr of dicts, lists, tuples, floats),
// so that our provenance strings read exactly like PyRadiomics'. YAML integers are kept as bigint so that
// `25` prints as `25` and `1.0` as `1.0`, as in Python.

export type PyValue = null | boolean | string | number | bigint | PyValue[] | PyTuple | PyDict;

/** An insertion-ordered dict (Python ≥ 3.7 semantics). */
export class PyDict {
  readonly entries = new Map<string, PyValue>();
  constructor(entries: Iterable<[string, PyValue]> = []) {
    for (const [k, v] of entries) this.entries.set(k, v);
  }
  get(key: string): PyValue | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: PyValue): this {
    this.entries.set(key, value);
    return this;
  }
}

/** A tuple (printed with parentheses). */
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16 on. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function pyString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  return quote + s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

export function pyRepr(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return pyFloat(v);
  if (typeof v === 'string') return pyString(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
  return `{${[...v.entries].map(([k, x]) => `${pyString(k)}: ${pyRepr(x)}`).join(', ')}}`;
}

/** Converts a parsed YAML value (ints as bigint) into a PyValue; mappings become PyDicts. */
export function fromYaml(v: unknown): PyValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map(fromYaml);
  if (v instanceof Map) return new PyDict([...v].map(([k, x]) => [String(k), fromYaml(x)]));
  if (typeof v === 'object') return new PyDict(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromYaml(x)]));
  throw new TypeError(`unsupported YAML value ${String(v)}`);
}
