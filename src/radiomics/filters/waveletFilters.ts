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
const COIF1_DEC_LO = [-0.015655728135791993, -0.07273261951252645, 0.3848648468648578, 0.8525720202116004,
  0.3378976624574818, -0.07273261951252645];
const COIF1_DEC_HI = [0.07273261951252645, 0.3378976624574818, -0.8525720202116004, 0.3848648468648578,
  0.07273261951252645, -0.015655728135791993];

function fromScalingTable(name: string, table: number[]): WaveletFilterBank {
  const F = table.length;
  const decLo = new Float64Array(F);
  const decHi = new Float64Array(F);
  for (let i = 0; i < F; i++) {
    decLo[i] = table[F - 1 - i];
    decHi[i] = ((F - 1 - i) % 2 ? -1 : 1) * table[i];
  }
  return { name, decLo, decHi };
}

/**
 * Filter bank of a wavelet by PyWavelets name. Supported: coif1 (reference-checked), haar/db1, db2,
 * db3, db4 (tables transcribed from pywt; checked for orthonormality only).
 */
export function waveletFilterBank(name: string): WaveletFilterBank {
  if (name === 'coif1') return { name, decLo: Float64Array.from(COIF1_DEC_LO), decHi: Float64Array.from(COIF1_DEC_HI) };
  const key = name === 'haar' ? 'db1' : name;
  const table = SCALING_TABLES[key];
  if (table === undefined) {
    throw new FilterInputError(
      `wavelet '${name}' is not supported; supported: coif1, haar, ${Object.keys(SCALING_TABLES).join(', ')}`,
    );
  }
  return fromScalingTable(name, table);
}
