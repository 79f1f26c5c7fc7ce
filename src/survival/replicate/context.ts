// Builds the replicate context from a spec file: reads the CSV next to it, validates outcome and
// features, and z-scores the features when the spec's model scale is `z`.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readCsvFile, selectColumns, survivalTable } from '../data.js';
import { SurvivalInputError } from '../errors.js';
import { applyZScore, fitZScore } from '../zscore.js';
import type { ReplicateContext, ReplicateSpec } from './types.js';

export function readSpec(path: string): ReplicateSpec {
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SurvivalInputError(`cannot read spec ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const s = spec as Partial<ReplicateSpec>;
  for (const key of ['dataset', 'data', 'columns', 'features', 'model_scale', 'multivariable_terms', 'stepaic_candidates', 'td_auc', 'calibration_times', 'logrank_binary_split', 'maxstat'] as const) {
    if (s[key] === undefined) throw new SurvivalInputError(`spec ${path} lacks '${key}'`);
  }
  if (s.model_scale !== 'raw' && s.model_scale !== 'z') throw new SurvivalInputError(`spec ${path}: model_scale must be 'raw' or 'z', got '${String(s.model_scale)}'`);
  return s as ReplicateSpec;
}

export function buildContext(specPath: string): ReplicateContext {
  const spec = readSpec(specPath);
  const specDir = dirname(resolve(specPath));
  const table = readCsvFile(resolve(specDir, spec.data));
  const data = survivalTable(table, { time: spec.columns.time, event: spec.columns.event, id: spec.columns.id, features: spec.features }, spec.data);
  const model = spec.model_scale === 'z' ? applyZScore(fitZScore(data.features), data.features) : data.features;
  return {
    spec,
    specDir,
    ids: data.ids,
    outcome: data.outcome,
    raw: data.features,
    model,
    modelColumns: (names) => selectColumns(model, names),
    results: {},
  };
}
