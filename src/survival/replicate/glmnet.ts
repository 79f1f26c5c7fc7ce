// glmnet: penalised Cox on the univariately significant features (`screened`, when there are at
// least 2) and on all candidates (`all_features`, when there are more), for alpha 1 and 0.5, on
// the model scale (reference.R glmnet_block):
// - cv: cv.glmnet(family = "cox", foldid, type.measure = "deviance", grouped = TRUE), default path;
// - coef_lambda_min_tight: a refit on cv$lambda with thresh 1e-14, read at lambda.min;
// - fixed_lambda: glmnet at the spec's 3 lambdas, thresh 1e-14, standardize TRUE and FALSE;
// - kkt_check: Breslow gradient/n at the alpha = 1, standardize = FALSE fit at the smallest fixed lambda.
import { cvGlmnetCox } from '../glmnet-cv.js';
import { coefAt, glmnetCox } from '../glmnet.js';
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';
import { univariateCox } from '../univariate.js';
import { REFERENCE_COX } from './cox-summary.js';
import type { ReplicateSection } from './types.js';

const ALPHAS: Array<[string, number]> = [
  ['alpha_1', 1],
  ['alpha_0.5', 0.5],
];
const TIGHT = { thresh: 1e-14, maxit: 1e7 };

export const glmnetSection: ReplicateSection = (ctx) => {
  const spec = ctx.spec.glmnet;
  if (!spec) return {};
  const rows = univariateCox(ctx.outcome, ctx.raw, { ties: 'efron', ...REFERENCE_COX, separation: 'flag' });
  const significant = rows.filter((r) => r.p < 0.05).map((r) => r.feature);
  const out: Record<string, unknown> = {};
  out.screened =
    significant.length >= 2
      ? glmnetBlock(ctx.modelColumns(significant), ctx.outcome, spec.foldid, spec.fixed_lambda?.screened)
      : { note: 'fewer than 2 screened features' };
  if (ctx.spec.features.length > significant.length) {
    out.all_features = glmnetBlock(ctx.modelColumns(ctx.spec.features), ctx.outcome, spec.foldid, spec.fixed_lambda?.all_features);
  }
  return { glmnet: out };
};

function glmnetBlock(x: FeatureMatrix, y: SurvivalOutcome, foldid: number[], fixed: Record<string, number[]> | undefined): Record<string, unknown> {
  const block: Record<string, unknown> = { features: x.names, foldid };
  let kktLambda = 0;
  for (const [key, alpha] of ALPHAS) {
    const cv = cvGlmnetCox(x, y, { alpha, foldid });
    // R takes signif(lambda_max * (0.5, 0.25, 0.1), 4); the spec stores them.
    const lambdas = fixed?.[key] ?? [0.5, 0.25, 0.1].map((r) => Number((cv.lambda[0] * r).toPrecision(4)));
    const fixedFits: Record<string, unknown> = {};
    for (const standardize of [true, false]) {
      const fit = glmnetCox(x, y, { alpha, lambda: lambdas, standardize, ...TIGHT });
      fixedFits[standardize ? 'standardize_true' : 'standardize_false'] = { lambda: lambdas, coef: fit.beta.map((b) => Array.from(b)) };
    }
    // Positions on the full-data path (cv.lambda may lack lambdas whose CV error was undefined).
    const pathMin = cv.fit.lambda.indexOf(cv.lambdaMin);
    const path1se = cv.fit.lambda.indexOf(cv.lambda1se);
    const coefMin = Array.from(cv.fit.beta[pathMin]);
    // Path fits are sequential, so the lambdas after lambda.min cannot change its refit.
    const tight = glmnetCox(x, y, { alpha, lambda: cv.fit.lambda.slice(0, pathMin + 1), ...TIGHT });
    block[key] = {
      alpha,
      cv: {
        lambda: cv.lambda,
        cvm: cv.cvm,
        cvsd: cv.cvsd,
        nzero: cv.nzero,
        lambda_min: cv.lambdaMin,
        lambda_1se: cv.lambda1se,
        coef_lambda_min: coefMin,
        coef_lambda_1se: Array.from(cv.fit.beta[path1se]),
        coef_lambda_min_tight: Array.from(coefAt(tight, cv.lambdaMin)),
        selected_lambda_min: x.names.filter((_, j) => coefMin[j] !== 0),
        warnings: cv.warnings,
      },
      fixed_lambda: fixedFits,
    };
    if (alpha === 1) kktLambda = lambdas[lambdas.length - 1];
  }
  block.kkt_check = kktCheck(x, y, kktLambda);
  return block;
}

/** Breslow score/n at the lasso (standardize = FALSE) solution: λ·sign(β) on the active set. */
function kktCheck(x: FeatureMatrix, y: SurvivalOutcome, lambda: number): Record<string, unknown> {
  const beta = glmnetCox(x, y, { alpha: 1, lambda: [lambda], standardize: false, ...TIGHT }).beta[0];
  const grad = breslowGradient(x, y, beta);
  const n = y.time.length;
  const active = [...beta.keys()].filter((j) => beta[j] !== 0);
  const inactive = [...beta.keys()].filter((j) => beta[j] === 0);
  return {
    note: 'glmnet cox minimises -loglik_breslow(beta)/n + lambda*[(1-alpha)/2*||beta||_2^2 + alpha*||beta||_1]; check: grad/n at active coefs = lambda*sign(beta)',
    lambda: [lambda],
    grad_over_n_active: active.map((j) => grad[j] / n),
    sign_active: active.map((j) => Math.sign(beta[j])),
    max_abs_grad_over_n_inactive: inactive.length > 0 ? Math.max(...inactive.map((j) => Math.abs(grad[j] / n))) : null,
  };
}

/** Textbook Breslow score: Σ_deaths x_i − Σ_{T ≥ T_i} x e^η / Σ_{T ≥ T_i} e^η. */
function breslowGradient(x: FeatureMatrix, y: SurvivalOutcome, beta: Float64Array): Float64Array {
  const n = y.time.length;
  const p = x.columns.length;
  const risk = Float64Array.from({ length: n }, (_, i) => Math.exp(x.columns.reduce((s, c, j) => s + c[i] * beta[j], 0)));
  const grad = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    if (y.status[i] !== 1) continue;
    let s0 = 0;
    const s1 = new Float64Array(p);
    for (let k = 0; k < n; k++) {
      if (y.time[k] < y.time[i]) continue;
      s0 += risk[k];
      for (let j = 0; j < p; j++) s1[j] += x.columns[j][k] * risk[k];
    }
    for (let j = 0; j < p; j++) grad[j] += x.columns[j][i] - s1[j] / s0;
  }
  return grad;
}
