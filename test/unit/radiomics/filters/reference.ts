// Test helpers for the filter tests: reference CSVs and the few firstorder statistics that pin the
// filtered voxel values (computed here the way numpy does, on the ROI voxels widened to float64).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVolume } from '../../../../src/radiomics/io/index.js';
import type { Volume } from '../../../../src/radiomics/types.js';
import { PYRADIOMICS_DATA } from '../../../support/paths.js';

export interface Case { image: Volume; mask: Volume }

export async function loadCase(name: 'brain1' | 'brain2'): Promise<Case> {
  const [image, mask] = await Promise.all([
    readVolume(join(PYRADIOMICS_DATA, `${name}_image.nrrd`)),
    readVolume(join(PYRADIOMICS_DATA, `${name}_label.nrrd`)),
  ]);
  return { image, mask };
}

/** feature name → value, from `notebook_reference/*.csv` (name,value) or `paper_config/*.csv` (name,value,provenance). */
export function readReference(relativePath: string): Map<string, number> {
  const lines = readFileSync(join(PYRADIOMICS_DATA, relativePath), 'utf8').trim().split('\n').slice(1);
  const values = new Map<string, number>();
  for (const line of lines) {
    const [name, value] = line.split(',');
    if (!name.startsWith('diagnostics_')) values.set(name, Number(value));
  }
  return values;
}

/** ROI (label 1) voxel values of a filtered image, sorted ascending. */
export function roiValues(filtered: Volume, mask: Volume): Float64Array {
  const values: number[] = [];
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i] === 1) values.push(Number(filtered.data[i]));
  return Float64Array.from(values).sort();
}

/** numpy.percentile(values, q) with the default linear method, on sorted values. */
function percentile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * (q / 100);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = position - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** The firstorder features that are pure functions of the voxel values' order and sum. */
export function valueStatistics(sorted: Float64Array): Record<string, number> {
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    Minimum: sorted[0],
    Maximum: sorted[sorted.length - 1],
    Median: percentile(sorted, 50),
    '10Percentile': percentile(sorted, 10),
    '90Percentile': percentile(sorted, 90),
    Mean: sum / sorted.length,
  };
}

/** Tolerance check: |computed − reference| ≤ max(rel·|reference|, abs). Returns the excess description or ''. */
export function mismatch(name: string, computed: number, reference: number, rel: number, abs: number): string {
  const allowed = Math.max(rel * Math.abs(reference), abs);
  const diff = Math.abs(computed - reference);
  return diff <= allowed ? '' : `${name}: computed ${computed}, reference ${reference} (|diff| ${diff.toExponential(2)} > ${allowed.toExponential(2)})`;
}
