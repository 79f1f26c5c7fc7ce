// Decomposition filter banks exactly as PyWavelets 1.1.1 builds them in double precision
// (pywt/_extensions/c/wavelets.c: dec_lo[i] = table[F-1-i], dec_hi[i] = (-1)^(F-1-i)·table[i];
// coiflet tables are multiplied by sqrt2 = 1.4142135623730951 in double).
// coif1 is the values pywt 1.1.1 actually uses (printed with repr), which differ from the
// mathematically exact Coiflet in the 12th digit; PyRadiomics' reference values depend on them.
import { FilterInputError } from './errors.js';

export interface WaveletFilterBank {
  name: string;
  decLo: Float64Array;
  decHi: Float64Array;
  /** The float filters pywt uses for float32 data (values exactly representable in float32). */
  decLo32: Float64Array;
  decHi32: Float64Array;
}

/** Scaling-filter tables (pywt's rec_lo order) for the families supported here. */
const SCALING_TABLES: Record<string, number[]> = {
  db1: [0.70710678118654757, 0.70710678118654757],
  db2: [0.48296291314469025, 0.83651630373746899, 0.22414386804185735, -0.12940952255092145],
  db3: [0.33267055295095688, 0.80689150931333875, 0.45987750211933132, -0.13501102001039084,
    -0.085441273882241486, 0.035226291882100656],
  db4: [0.23037781330885523, 0.71484657055254153, 0.63088076792959036, -0.027983769416983849,
    -0.18703481171888114, 0.030841381835986965, 0.032883011666982945, -0.010597401784997278],
};

/** pywt 1.1.1's double coif1 filters, as printed by `repr(pywt.Wavelet('coif1').dec_lo/dec_hi)`. */
export const COIF1_DEC_LO = [-0.015655728135791993, -0.07273261951252645, 0.3848648468648578, 0.8525720202116004,
  0.3378976624574818, -0.07273261951252645];
/** The matching dec_hi (the tests check the table reproduces both). */
export const COIF1_DEC_HI = [0.07273261951252645, 0.3378976624574818, -0.8525720202116004, 0.3848648468648578,
  0.07273261951252645, -0.015655728135791993];

/**
 * pywt's construction from a scaling table: dec_lo[i] = scale·t[F−1−i], dec_hi[i] = ±scale·t[i], in
 * double and (for float32 data) in float, where the table literal is first rounded to float.
 */
function fromScalingTable(name: string, table: number[], scale: number | null): WaveletFilterBank {
  const F = table.length;
  const decLo = new Float64Array(F);
  const decHi = new Float64Array(F);
  const decLo32 = new Float64Array(F);
  const decHi32 = new Float64Array(F);
  const fr = Math.fround;
  for (let i = 0; i < F; i++) {
    const sign = (F - 1 - i) % 2 ? -1 : 1;
    decLo[i] = scale === null ? table[F - 1 - i] : table[F - 1 - i] * scale;
    decHi[i] = scale === null ? sign * table[i] : sign * table[i] * scale;
    decLo32[i] = scale === null ? fr(table[F - 1 - i]) : fr(fr(table[F - 1 - i]) * fr(scale));
    decHi32[i] = scale === null ? sign * fr(table[i]) : fr(sign * fr(table[i]) * fr(scale));
  }
  return { name, decLo, decHi, decLo32, decHi32 };
}

/**
 * pywt 1.1.1's coif1 table (unscaled, sum 1), recovered from its printed double filters as
 * dec_lo[5−i] / sqrt2: each recovered value reproduces the printed filter exactly when multiplied
 * back by sqrt2 (checked by the tests), so it is the table's double value.
 */
const COIF1_TABLE = COIF1_DEC_LO.map((_, i) => COIF1_DEC_LO[5 - i] / Math.SQRT2);

/**
 * Filter bank of a wavelet by PyWavelets name. Supported: coif1 (reference-checked), haar/db1, db2,
 * db3, db4 (tables transcribed from pywt; checked for orthonormality only).
 */
export function waveletFilterBank(name: string): WaveletFilterBank {
  if (name === 'coif1') return fromScalingTable(name, COIF1_TABLE, Math.SQRT2);
  const key = name === 'haar' ? 'db1' : name;
  const table = SCALING_TABLES[key];
  if (table === undefined) {
    throw new FilterInputError(
      `wavelet '${name}' is not supported; supported: coif1, haar, ${Object.keys(SCALING_TABLES).join(', ')}`,
    );
  }
  return fromScalingTable(name, table, null);
}
