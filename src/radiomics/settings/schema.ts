// The keys a PyRadiomics parameter file may hold under `setting` (or under an image type), each with its
// PyRadiomics default and a validator. Mirrors PyRadiomics' paramSchema.yaml and extractor defaults.
import { SettingsError } from '../errors.js';
import type { PyValue } from './pyliteral.js';

export type Validator = (value: PyValue, where: string) => void;

const fail = (where: string, expected: string, value: PyValue): never => {
  throw new SettingsError(`${where}: expected ${expected}, got ${describe(value)}`);
};

export function describe(value: PyValue): string {
  if (value === null) return 'nothing (None)';
  if (typeof value === 'bigint') return `integer ${value}`;
  if (typeof value === 'number') return `number ${value}`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'a mapping';
}

const isNumber = (v: PyValue): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
const isInt = (v: PyValue): v is bigint | number => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));

export const intIn = (min: number, max = Infinity): Validator => (v, where) => {
  if (!isInt(v) || Number(v) < min || Number(v) > max) fail(where, max === Infinity ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`, v);
};
export const anyInt: Validator = (v, where) => {
  if (!isInt(v)) fail(where, 'an integer', v);
};
export const positive: Validator = (v, where) => {
  if (!isNumber(v) || !(Number(v) > 0) || !Number.isFinite(Number(v))) fail(where, 'a positive number', v);
};
export const finite: Validator = (v, where) => {
  if (!isNumber(v) || !Number.isFinite(Number(v))) fail(where, 'a number', v);
};
export const bool: Validator = (v, where) => {
  if (typeof v !== 'boolean') fail(where, 'true or false', v);
};
export const text: Validator = (v, where) => {
  if (typeof v !== 'string' || v === '') fail(where, 'a text value', v);
};
export const oneOf = (...allowed: string[]): Validator => (v, where) => {
  if (typeof v !== 'string' || !allowed.includes(v)) fail(where, `one of ${allowed.join(', ')}`, v);
};
export const nullable = (inner: Validator): Validator => (v, where) => {
  if (v !== null) inner(v, where);
};
export const listOf = (item: Validator, minLength: number, maxLength = Infinity): Validator => (v, where) => {
  if (!Array.isArray(v) || v.length < minLength || v.length > maxLength) {
    fail(where, maxLength === minLength ? `a list of ${minLength}` : `a list of ${minLength}${maxLength === Infinity ? ' or more' : ` to ${maxLength}`}`, v);
  }
  (v as PyValue[]).forEach((x, i) => item(x, `${where}[${i}]`));
};
const nonNegative: Validator = (v, where) => {
  if (!isNumber(v) || !(Number(v) >= 0)) fail(where, 'a number ≥ 0', v);
};

/** SimpleITK interpolator names PyRadiomics accepts. */
export const INTERPOLATORS = [
  'sitkNearestNeighbor', 'sitkLinear', 'sitkBSpline', 'sitkGaussian', 'sitkLabelGaussian', 'sitkHammingWindowedSinc',
  'sitkCosineWindowedSinc', 'sitkWelchWindowedSinc', 'sitkLanczosWindowedSinc', 'sitkBlackmanWindowedSinc',
];

export interface SettingSpec {
  validate: Validator;
  /** PyRadiomics' default (undefined: no default, the key is absent unless given). */
  defaultValue?: PyValue;
  /** Shown in the extractor's Configuration_Settings even when not given (PyRadiomics' extractor defaults). */
  inExtractorDefaults?: boolean;
}

/** Every key accepted under `setting:`, in the order of PyRadiomics' extractor defaults first. */
export const SETTING_SPECS: Record<string, SettingSpec> = {
  minimumROIDimensions: { validate: intIn(1, 3), defaultValue: 2n, inExtractorDefaults: true },
  minimumROISize: { validate: nullable(intIn(1)), defaultValue: null, inExtractorDefaults: true },
  normalize: { validate: bool, defaultValue: false, inExtractorDefaults: true },
  normalizeScale: { validate: positive, defaultValue: 1n, inExtractorDefaults: true },
  removeOutliers: { validate: nullable(positive), defaultValue: null, inExtractorDefaults: true },
  resampledPixelSpacing: { validate: nullable(listOf(nonNegative, 3, 3)), defaultValue: null, inExtractorDefaults: true },
  interpolator: { validate: (v, where) => (isInt(v) ? intIn(1, 10)(v, where) : oneOf(...INTERPOLATORS)(v, where)), defaultValue: 'sitkBSpline', inExtractorDefaults: true },
  preCrop: { validate: bool, defaultValue: false, inExtractorDefaults: true },
  padDistance: { validate: intIn(0), defaultValue: 5n, inExtractorDefaults: true },
  distances: { validate: listOf(intIn(1), 1), defaultValue: [1n], inExtractorDefaults: true },
  force2D: { validate: bool, defaultValue: false, inExtractorDefaults: true },
  force2Ddimension: { validate: intIn(0, 2), defaultValue: 0n, inExtractorDefaults: true },
  resegmentRange: { validate: nullable(listOf(finite, 1, 2)), defaultValue: null, inExtractorDefaults: true },
  label: { validate: anyInt, defaultValue: 1n, inExtractorDefaults: true },
  additionalInfo: { validate: bool, defaultValue: true, inExtractorDefaults: true },
  // Not in the extractor's defaults dict, but with defaults elsewhere in PyRadiomics.
  resegmentMode: { validate: oneOf('absolute', 'relative', 'sigma'), defaultValue: 'absolute' },
  resegmentShape: { validate: bool, defaultValue: false },
  geometryTolerance: { validate: nullable(positive), defaultValue: null },
  correctMask: { validate: bool, defaultValue: false },
  label_channel: { validate: intIn(0), defaultValue: 0n },
  binWidth: { validate: positive, defaultValue: 25n },
  binCount: { validate: nullable(intIn(1)), defaultValue: null },
  voxelArrayShift: { validate: finite, defaultValue: 0n },
  symmetricalGLCM: { validate: bool, defaultValue: true },
  weightingNorm: { validate: nullable(oneOf('manhattan', 'euclidean', 'infinity', 'no_weighting')), defaultValue: null },
  gldm_a: { validate: intIn(0), defaultValue: 0n },
  sigma: { validate: listOf(positive, 0), defaultValue: [] },
  wavelet: { validate: text, defaultValue: 'coif1' },
  start_level: { validate: intIn(0), defaultValue: 0n },
  level: { validate: intIn(1), defaultValue: 1n },
  // Valid PyRadiomics keys for image types this engine does not compute (accepted, then unused).
  gradientUseSpacing: { validate: bool, defaultValue: true },
  lbp2DRadius: { validate: positive, defaultValue: 1n },
  lbp2DSamples: { validate: intIn(1), defaultValue: 8n },
  lbp2DMethod: { validate: oneOf('default', 'ror', 'uniform', 'var'), defaultValue: 'uniform' },
  lbp3DLevels: { validate: intIn(1), defaultValue: 2n },
  lbp3DIcosphereRadius: { validate: positive, defaultValue: 1n },
  lbp3DIcosphereSubdivision: { validate: intIn(0), defaultValue: 1n },
};
