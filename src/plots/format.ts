// Text and number formatting shared by every figure. Output must be byte-identical for the same
// input, so every coordinate goes through fmt() (fixed precision) and every label through
// escapeXml().

/** Escape the five XML special characters; safe in text content and in quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

/** Coordinate formatting: `digits` decimals, trailing zeros dropped, never "-0". */
export function fmt(x: number, digits = 2): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format non-finite coordinate ${x}`);
  let s = x.toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Decimals needed to print multiples of `step` exactly (0.25 → 2, 10 → 0). */
export function decimalsForStep(step: number): number {
  for (let d = 0; d < 10; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 10;
}

/** Tick label: `decimals` fixed decimals (so 0.0, 0.2 … line up), a true minus sign, never "-0". */
export function tickLabel(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(s)) return s.slice(1);
  return s.replace(/^-/, '\u2212');
}

/** p-value as journals print it: "< 0.001", else three decimals. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'NA';
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

// Approximate advance widths in em, on the wide side (DejaVu Sans, the usual fallback when
// Helvetica/Arial are missing, is wider than both) so that legends and columns never clip text;
// no font metrics are available without a DOM.
const NARROW = new Set("iljtfrI.,:;'|!() []-");
const WIDE = new Set('mwMW@%');

/** Estimated rendered width of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) {
    if (NARROW.has(c)) em += 0.34;
    else if (WIDE.has(c)) em += 0.92;
    else if (c >= 'A' && c <= 'Z') em += 0.7;
    else em += 0.62;
  }
  return em * fontSize;
}
