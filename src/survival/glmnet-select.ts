// The study recipe's elastic-net and Lasso selectors: cv.glmnet (Cox, deviance, 10 folds) and the
// features with a nonzero coefficient at lambda.min (or lambda.1se) of the full-data path.
import { cvGlmnetCox, randomFoldIds, type CvGlmnetCoxResult } from './glmnet-cv.js';
import { checkAlpha, GlmnetInputError } from './glmnet.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

export interface GlmnetSelectOptions {
  /** 1 = Lasso, 0.5 = the study's elastic net. */
  alpha: number;
  /** Fold of each subject (1-based); when omitted, `nfolds` balanced folds drawn with `seed`. */
  foldid?: number[];
  nfolds?: number;
  seed: number;
  lambdaChoice?: 'lambda.min' | 'lambda.1se';
  standardize?: boolean;
}

export interface GlmnetSelection {
  method: string;
  /** Features with a nonzero coefficient at the chosen lambda, in input order. */
  selected: string[];
  /** Coefficient of every input feature at the chosen lambda (0 when not selected). */
  coef: Record<string, number>;
  /** |coef| per input feature, the selector's importance. */
  importance: Record<string, number>;
  lambda: number;
  parameters: { alpha: number; lambdaChoice: 'lambda.min' | 'lambda.1se'; nfolds: number; seed: number; foldid: number[]; standardize: boolean };
  cv: Pick<CvGlmnetCoxResult, 'lambda' | 'cvm' | 'cvsd' | 'nzero' | 'lambdaMin' | 'lambda1se' | 'warnings'>;
}

export function selectByGlmnet(x: FeatureMatrix, y: SurvivalOutcome, options: GlmnetSelectOptions): GlmnetSelection {
  const alpha = checkAlpha(options.alpha);
  const lambdaChoice = options.lambdaChoice ?? 'lambda.min';
  if (lambdaChoice !== 'lambda.min' && lambdaChoice !== 'lambda.1se') {
    throw new GlmnetInputError(`lambdaChoice must be 'lambda.min' or 'lambda.1se', got '${String(lambdaChoice)}'`);
  }
  if (!Number.isInteger(options.seed)) throw new GlmnetInputError(`seed must be an integer, got ${options.seed}`);
  const nfolds = options.foldid ? Math.max(...options.foldid) : (options.nfolds ?? 10);
  const foldid = options.foldid ?? randomFoldIds(y.time.length, nfolds, options.seed);
  const standardize = options.standardize ?? true;
  const cv = cvGlmnetCox(x, y, { alpha, foldid, standardize });
  const index = lambdaChoice === 'lambda.min' ? cv.indexMin : cv.index1se;
  const pathIndex = index >= 0 ? cv.fit.lambda.indexOf(cv.lambda[index]) : -1;
  if (pathIndex < 0 || !Number.isFinite(cv.cvm[index])) {
    throw new GlmnetInputError(`cross-validation found no ${lambdaChoice}: no lambda has a finite CV deviance`);
  }
  const beta = cv.fit.beta[pathIndex];
  const coef: Record<string, number> = {};
  const importance: Record<string, number> = {};
  x.names.forEach((name, j) => {
    coef[name] = beta[j];
    importance[name] = Math.abs(beta[j]);
  });
  return {
    method: alpha === 1 ? 'lasso' : `elastic-net(alpha=${alpha})`,
    selected: x.names.filter((_, j) => beta[j] !== 0),
    coef,
    importance,
    lambda: cv.lambda[index],
    parameters: { alpha, lambdaChoice, nfolds, seed: options.seed, foldid, standardize },
    cv: { lambda: cv.lambda, cvm: cv.cvm, cvsd: cv.cvsd, nzero: cv.nzero, lambdaMin: cv.lambdaMin, lambda1se: cv.lambda1se, warnings: cv.warnings },
  };
}
