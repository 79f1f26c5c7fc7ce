// PyRadiomics parameter files (YAML with imageType, featureClass, setting) → validated extraction
// parameters with PyRadiomics' defaults. Unknown keys and bad values raise SettingsError naming the key.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { SettingsError } from '../errors.js';
import type { FeatureClassSettings, Vec3 } from '../types.js';
import { DEFAULT_FEATURE_NAMES, DEPRECATED_FEATURE_NAMES, FEATURE_CLASSES, type FeatureClassName } from './feature-names.js';
import { fromYaml, PyDict, pyRepr, type PyValue } from './pyliteral.js';
import { describe, SETTING_SPECS } from './schema.js';

export { FEATURE_CLASSES, DEFAULT_FEATURE_NAMES, type FeatureClassName } from './feature-names.js';
export { PyDict, PyTuple, pyRepr, pyFloat, type PyValue } from './pyliteral.js';

export type ResegmentMode = 'absolute' | 'relative' | 'sigma';

/** Every setting the engine reads, resolved to plain values. */
export interface ExtractionSettings extends FeatureClassSettings {
  label: number;
  minimumROIDimensions: number;
  minimumROISize: number | null;
  geometryTolerance: number | null;
  correctMask: boolean;
  additionalInfo: boolean;
  normalize: boolean;
  normalizeScale: number;
  removeOutliers: number | null;
  resampledPixelSpacing: Vec3 | null;
  interpolator: string;
  padDistance: number;
  preCrop: boolean;
  resegmentRange: number[] | null;
  resegmentMode: ResegmentMode;
  resegmentShape: boolean;
  sigma: number[];
  wavelet: string;
  level: number;
  start_level: number;
}

export const IMAGE_TYPES = ['Original', 'LoG', 'Wavelet'] as const;
export type ImageTypeName = (typeof IMAGE_TYPES)[number];
const PYRADIOMICS_ONLY_IMAGE_TYPES = ['Square', 'SquareRoot', 'Logarithm', 'Exponential', 'Gradient', 'LBP2D', 'LBP3D'];

export interface ImageTypeSpec {
  name: ImageTypeName;
  /** General settings overridden by this image type's own keys. */
  settings: ExtractionSettings;
  /** LoG only: each sigma as PyRadiomics writes it in feature names (str(σ) with '.' → '-': 1.0 → '1-0'). */
  sigmaLabels: string[];
}

export interface ExtractionParams {
  settings: ExtractionSettings;
  imageTypes: ImageTypeSpec[];
  /** Enabled classes in parameter-file order, each with the features to compute, in output order. */
  featureClasses: { name: FeatureClassName; features: string[] }[];
  /** What PyRadiomics reports as diagnostics_Configuration_Settings / _EnabledImageTypes. */
  configuration: { settings: PyDict; enabledImageTypes: PyDict };
}

const INTERPOLATOR_CODES: Record<number, string> = {
  1: 'sitkNearestNeighbor', 2: 'sitkLinear', 3: 'sitkBSpline', 4: 'sitkGaussian', 5: 'sitkLabelGaussian',
  6: 'sitkHammingWindowedSinc', 7: 'sitkCosineWindowedSinc', 8: 'sitkWelchWindowedSinc', 9: 'sitkLanczosWindowedSinc', 10: 'sitkBlackmanWindowedSinc',
};

function validateSettingsDict(dict: PyDict, where: string): void {
  for (const [key, value] of dict.entries) {
    const spec = SETTING_SPECS[key];
    if (!spec) throw new SettingsError(`${where}: unknown setting '${key}'${suggest(key, Object.keys(SETTING_SPECS))}`);
    spec.validate(value, `${where}.${key}`);
  }
}

function suggest(key: string, known: string[]): string {
  const lower = key.toLowerCase();
  const close = known.find((k) => k.toLowerCase() === lower);
  return close ? ` (did you mean '${close}'?)` : '';
}

const num = (v: PyValue | undefined): number => Number(v as number | bigint);
const numList = (v: PyValue | undefined): number[] => (v as (number | bigint)[]).map(Number);

function resolveSettings(dict: PyDict, where: string): ExtractionSettings {
  const get = (key: string): PyValue => {
    const v = dict.get(key);
    return v === undefined ? (SETTING_SPECS[key].defaultValue ?? null) : v;
  };
  const orNull = <T>(key: string, f: (v: PyValue) => T): T | null => (get(key) === null ? null : f(get(key)));
  const interpolatorValue = get('interpolator');
  const s: ExtractionSettings = {
    label: num(get('label')),
    minimumROIDimensions: num(get('minimumROIDimensions')),
    minimumROISize: orNull('minimumROISize', num),
    geometryTolerance: orNull('geometryTolerance', num),
    correctMask: get('correctMask') as boolean,
    additionalInfo: get('additionalInfo') as boolean,
    normalize: get('normalize') as boolean,
    normalizeScale: num(get('normalizeScale')),
    removeOutliers: orNull('removeOutliers', num),
    resampledPixelSpacing: orNull('resampledPixelSpacing', (v) => numList(v) as Vec3),
    interpolator: typeof interpolatorValue === 'string' ? interpolatorValue : INTERPOLATOR_CODES[num(interpolatorValue)],
    padDistance: num(get('padDistance')),
    preCrop: get('preCrop') as boolean,
    resegmentRange: orNull('resegmentRange', numList),
    resegmentMode: get('resegmentMode') as ResegmentMode,
    resegmentShape: get('resegmentShape') as boolean,
    sigma: numList(get('sigma')),
    wavelet: get('wavelet') as string,
    level: num(get('level')),
    start_level: num(get('start_level')),
    binWidth: num(get('binWidth')),
    binCount: orNull('binCount', num),
    voxelArrayShift: num(get('voxelArrayShift')),
    symmetricalGLCM: get('symmetricalGLCM') as boolean,
    weightingNorm: get('weightingNorm') as ExtractionSettings['weightingNorm'],
    distances: numList(get('distances')),
    force2D: get('force2D') as boolean,
    force2Ddimension: num(get('force2Ddimension')),
    gldm_a: num(get('gldm_a')),
  };
  if (s.resegmentRange && s.resegmentRange.length === 2 && s.resegmentRange[0] > s.resegmentRange[1]) {
    throw new SettingsError(`${where}.resegmentRange: lower bound ${s.resegmentRange[0]} is above upper bound ${s.resegmentRange[1]}`);
  }
  if (s.resegmentMode === 'sigma' && s.resegmentRange?.some((x) => x < 0) === true && s.resegmentRange.length === 1) {
    throw new SettingsError(`${where}.resegmentRange: in 'sigma' mode a single value must be ≥ 0`);
  }
  return s;
}

function asDict(value: PyValue, where: string): PyDict {
  if (value === null) return new PyDict();
  if (!(value instanceof PyDict)) throw new SettingsError(`${where}: expected a mapping, got ${describe(value)}`);
  return value;
}

function resolveFeatureClasses(value: PyValue | undefined): ExtractionParams['featureClasses'] {
  if (value === undefined) return FEATURE_CLASSES.map((name) => ({ name, features: [...DEFAULT_FEATURE_NAMES[name]] }));
  const dict = asDict(value, 'featureClass');
  const out: ExtractionParams['featureClasses'] = [];
  for (const [cls, list] of dict.entries) {
    if (!(FEATURE_CLASSES as readonly string[]).includes(cls)) {
      const known = cls === 'shape2D' ? ' (shape2D is a valid PyRadiomics class but is not computed by this engine)' : suggest(cls, [...FEATURE_CLASSES]);
      throw new SettingsError(`featureClass: unknown feature class '${cls}'${known}; supported: ${FEATURE_CLASSES.join(', ')}`);
    }
    const name = cls as FeatureClassName;
    if (list === null || (Array.isArray(list) && list.length === 0)) {
      out.push({ name, features: [...DEFAULT_FEATURE_NAMES[name]] });
      continue;
    }
    if (!Array.isArray(list)) throw new SettingsError(`featureClass.${cls}: expected a list of feature names or nothing, got ${describe(list)}`);
    const features = list.map((f, i) => {
      if (typeof f !== 'string') throw new SettingsError(`featureClass.${cls}[${i}]: expected a feature name, got ${describe(f)}`);
      if (DEPRECATED_FEATURE_NAMES[name]?.includes(f)) throw new SettingsError(`featureClass.${cls}: '${f}' is deprecated in PyRadiomics and not computed by this engine`);
      if (!DEFAULT_FEATURE_NAMES[name].includes(f)) throw new SettingsError(`featureClass.${cls}: unknown feature '${f}'${suggest(f, [...DEFAULT_FEATURE_NAMES[name]])}`);
      return f;
    });
    out.push({ name, features: [...new Set(features)] });
  }
  return out;
}

const WAVELET_DEFAULTS: [string, PyValue][] = [['wavelet', 'coif1'], ['start_level', 0n], ['level', 1n]];

/** Validates a parsed parameter object (as PyRadiomics' `loadParams` would accept) and applies defaults. */
export function resolveParams(raw: unknown): ExtractionParams {
  const top = asDict(fromYaml(raw ?? {}), 'parameters');
  for (const key of top.entries.keys()) {
    if (key === 'voxelSetting') throw new SettingsError(`'voxelSetting' (voxel-based feature maps) is not supported; only segment-based extraction is`);
    if (!['imageType', 'featureClass', 'setting'].includes(key)) {
      throw new SettingsError(`unknown top-level key '${key}' (expected imageType, featureClass, setting)`);
    }
  }
  const settingDict = asDict(top.get('setting') ?? null, 'setting');
  validateSettingsDict(settingDict, 'setting');
  const settings = resolveSettings(settingDict, 'setting');

  const configSettings = new PyDict();
  for (const [key, spec] of Object.entries(SETTING_SPECS)) if (spec.inExtractorDefaults) configSettings.set(key, spec.defaultValue ?? null);
  for (const [key, value] of settingDict.entries) configSettings.set(key, value);

  const imageTypeDict = top.get('imageType') === undefined ? new PyDict([['Original', new PyDict()]]) : asDict(top.get('imageType') ?? null, 'imageType');
  const imageTypes: ImageTypeSpec[] = [];
  const enabledImageTypes = new PyDict();
  for (const [name, custom] of imageTypeDict.entries) {
    if (!(IMAGE_TYPES as readonly string[]).includes(name)) {
      const why = PYRADIOMICS_ONLY_IMAGE_TYPES.includes(name) ? 'is a PyRadiomics image type not computed by this engine' : `is unknown${suggest(name, [...IMAGE_TYPES])}`;
      throw new SettingsError(`imageType: '${name}' ${why}; supported: ${IMAGE_TYPES.join(', ')}`);
    }
    if (custom !== null && !(custom instanceof PyDict)) {
      throw new SettingsError(`imageType.${name}: expected a mapping of settings ({} for none), got ${describe(custom)}`);
    }
    const own = custom ?? new PyDict();
    validateSettingsDict(own, `imageType.${name}`);
    const merged = new PyDict([...settingDict.entries, ...own.entries]);
    const typeSettings = resolveSettings(merged, `imageType.${name}`);
    if (name === 'LoG' && typeSettings.sigma.length === 0) throw new SettingsError(`imageType.LoG: no sigma given (e.g. sigma: [1.0, 3.0])`);
    const rawSigma = merged.get('sigma');
    const sigmaLabels = Array.isArray(rawSigma) ? rawSigma.map((x) => pyRepr(x).replace('.', '-')) : [];
    imageTypes.push({ name: name as ImageTypeName, settings: typeSettings, sigmaLabels });
    const shown = new PyDict(own.entries);
    if (name === 'Wavelet') for (const [k, v] of WAVELET_DEFAULTS) if (shown.get(k) === undefined) shown.set(k, v);
    enabledImageTypes.set(name, shown);
  }
  if (imageTypes.length === 0) throw new SettingsError('imageType: no image type enabled');

  return {
    settings,
    imageTypes,
    featureClasses: resolveFeatureClasses(top.get('featureClass')),
    configuration: { settings: configSettings, enabledImageTypes },
  };
}

/** Parses PyRadiomics parameter-file text (YAML or JSON). */
export function parseParams(text: string, source = 'parameter file'): ExtractionParams {
  let raw: unknown;
  try {
    raw = parseYaml(text, { intAsBigInt: true });
  } catch (err) {
    throw new SettingsError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    return resolveParams(raw);
  } catch (err) {
    if (err instanceof SettingsError) err.message = `${source}: ${err.message}`;
    throw err;
  }
}

/** Reads and validates a parameter file. */
export async function loadParams(path: string): Promise<ExtractionParams> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SettingsError(`cannot read parameter file '${path}': ${(err as Error).message}`);
  }
  return parseParams(text, path);
}

/** The same parameters for another label (as PyRadiomics' `--label` / batch `Label` column). */
export function withLabel(params: ExtractionParams, label: number): ExtractionParams {
  if (!Number.isInteger(label)) throw new SettingsError(`label must be an integer, got ${label}`);
  const settings = new PyDict(params.configuration.settings.entries);
  settings.set('label', BigInt(label));
  return {
    ...params,
    settings: { ...params.settings, label },
    imageTypes: params.imageTypes.map((t) => ({ ...t, settings: { ...t.settings, label } })),
    configuration: { settings, enabledImageTypes: params.configuration.enabledImageTypes },
  };
}

/** PyRadiomics' defaults (no parameter file): Original image, all classes with their default features. */
export function defaultParams(): ExtractionParams {
  return resolveParams({});
}
