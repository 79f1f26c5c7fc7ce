// Shapes shared by the `stats replicate` sections. A section is one pure function of the context
// that returns the top-level keys it writes into the output JSON (e.g. `{ glmnet: {...} }`), laid
// out exactly like the R reference file (../shared/data/stats-reference/README.md).
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';

/** A conformance spec (`<dataset>.spec.json`): the inputs of the reference run, no answers. */
export interface ReplicateSpec {
  dataset: string;
  /** CSV file name, relative to the spec's folder. */
  data: string;
  columns: { id: string; time: string; event: string };
  /** Candidate covariates, in order. */
  features: string[];
  /** `z`: the multivariable Cox, stepAIC, radscore, calibration and glmnet use z-scored features. */
  model_scale: 'raw' | 'z';
  multivariable_terms: string[];
  stepaic_candidates: string[];
  td_auc: {
    times: number[];
    tied_marker: { name: string; column?: string; sign?: number; radscore_round?: number };
  };
  calibration_times: number[];
  /** Group 1 = column `op` value (eq, ne, gt, ge, lt, le), or column > its median (gt_median). */
  logrank_binary_split: { column: string; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'gt_median'; value?: number };
  maxstat: { minprop: number; maxprop: number };
  glmnet?: {
    /** 1-based fold of each row, in CSV row order. */
    foldid: number[];
    /** Feature sets by name (`screened`, `all_features`). */
    sets: Record<string, string[]>;
    /** set name → alpha key (`alpha_1`, `alpha_0.5`) → the 3 fixed lambdas. */
    fixed_lambda: Record<string, Record<string, number[]>>;
  };
  icc?: { reader2: string; subset30_ids: Array<number | string> };
}

export interface ReplicateContext {
  spec: ReplicateSpec;
  /** Absolute folder of the spec (file names in the spec are relative to it). */
  specDir: string;
  /** Row ids as written in the CSV, in row order. */
  ids: string[];
  outcome: SurvivalOutcome;
  /** spec.features as read from the CSV (validated: finite, not constant). */
  raw: FeatureMatrix;
  /** spec.features on the model scale: z-scored (sample SD) when model_scale is `z`, else raw. */
  model: FeatureMatrix;
  /** The named columns of `model` (throws on an unknown name), in the order given. */
  modelColumns(names: string[]): FeatureMatrix;
  /** Output of the sections already run, by top-level key (sections run in list order). */
  results: Record<string, unknown>;
}

/** One reference section: returns the top-level keys it adds to the output. */
export type ReplicateSection = (ctx: ReplicateContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
