// Reproducibility filter: ICC(2,1) between the first reading and a second reader's table
// (matched by patient id) per feature; features with ICC above the threshold go on. The ICC
// uses the patients present in both tables, or a given subset of them (a list of ids, or n
// patients drawn with a seed derived from the master seed — the paper re-segmented 30).
// No outcome is used, so the filter is applied once, before cross-validation.
import { SurvivalInputError } from '../errors.js';
import { intraclassCorrelation } from '../icc.js';
import { Random } from '../random.js';
import type { FeatureMatrix } from '../types.js';
import { deriveSeed } from './seeds.js';

export interface ReaderTable {
  ids: string[];
  features: FeatureMatrix;
}

export interface IccRow {
  feature: string;
  icc2: number;
  icc2Lower: number;
  icc2Upper: number;
  icc3: number;
  kept: boolean;
}

export interface IccStep {
  threshold: number;
  /** How the patients were chosen: 'common' (all in both tables), 'ids' (given) or 'random' (n drawn). */
  subsetRule: 'common' | 'ids' | 'random';
  subsetSeed: number | null;
  ids: string[];
  table: IccRow[];
  kept: string[];
  dropped: string[];
}

function uniqueIndex(ids: string[], source: string): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new SurvivalInputError(`${source}: patient id '${id}' appears twice`);
    index.set(id, i);
  });
  return index;
}

export function iccFilter(
  reader1: ReaderTable,
  reader2: ReaderTable,
  threshold: number,
  subset: string[] | number | undefined,
  masterSeed: number,
): IccStep {
  const first = uniqueIndex(reader1.ids, 'feature table');
  const second = uniqueIndex(reader2.ids, 'reader-2 table');
  const missing = reader1.features.names.filter((f) => !reader2.features.names.includes(f));
  if (missing.length > 0) {
    throw new SurvivalInputError(`reader-2 table lacks ${missing.length} feature column(s): ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }
  const common = reader1.ids.filter((id) => second.has(id));
  let ids: string[];
  let subsetRule: IccStep['subsetRule'] = 'common';
  let subsetSeed: number | null = null;
  if (Array.isArray(subset)) {
    subsetRule = 'ids';
    for (const id of subset) {
      if (!first.has(id) || !second.has(id)) throw new SurvivalInputError(`ICC subset: patient id '${id}' is not in both readers' tables`);
    }
    ids = [...new Set(subset)];
  } else if (typeof subset === 'number') {
    if (!Number.isInteger(subset) || subset < 2 || subset > common.length) {
      throw new SurvivalInputError(`ICC subset size must be an integer in 2..${common.length} (patients in both tables), got ${subset}`);
    }
    subsetRule = 'random';
    subsetSeed = deriveSeed(masterSeed, 'icc/subset');
    const drawn = new Set(new Random(subsetSeed).shuffle([...common]).slice(0, subset));
    ids = common.filter((id) => drawn.has(id));
  } else {
    ids = common;
  }
  if (ids.length < 2) throw new SurvivalInputError(`ICC needs at least 2 patients read by both readers; found ${ids.length}`);
  const rows1 = ids.map((id) => first.get(id)!);
  const rows2 = ids.map((id) => second.get(id)!);
  const table = reader1.features.names.map((feature, j) => {
    const col1 = reader1.features.columns[j]!;
    const col2 = reader2.features.columns[reader2.features.names.indexOf(feature)]!;
    const r = intraclassCorrelation([Float64Array.from(rows1, (i) => col1[i]!), Float64Array.from(rows2, (i) => col2[i]!)]);
    return { feature, icc2: r.icc2.icc, icc2Lower: r.icc2.lower, icc2Upper: r.icc2.upper, icc3: r.icc3.icc, kept: r.icc2.icc > threshold };
  });
  return {
    threshold,
    subsetRule,
    subsetSeed,
    ids,
    table,
    kept: table.filter((r) => r.kept).map((r) => r.feature),
    dropped: table.filter((r) => !r.kept).map((r) => r.feature),
  };
}
