// cox_summary() of reference.R: a coxph fit laid out as the reference JSON writes it.
import type { CoxFit } from '../cox.js';
import { toRows } from '../linalg.js';
import { roundR } from './json.js';
import { chiSquareUpper } from '../distributions.js';

export function coxSummaryJson(fit: CoxFit): Record<string, unknown> {
  const p = fit.terms.length;
  return {
    terms: fit.terms,
    coef: fit.coef,
    hr: fit.hr,
    se: fit.se,
    z: fit.z,
    p_wald: fit.pWald,
    loglik_null: fit.loglikNull,
    loglik: fit.loglik,
    aic: fit.aic,
    n: fit.n,
    nevent: fit.nevent,
    iter: fit.iter,
    ties: fit.ties,
    lrt: fit.lrt,
    // summary.coxph rounds the Wald statistic to 2 decimals; its p comes from the unrounded value.
    wald_test: { stat: roundR(fit.waldTest.stat, 2), df: fit.waldTest.df, p: chiSquareUpper(fit.waldTest.stat, fit.waldTest.df) },
    score_test: fit.scoreTest,
    concordance: fit.concordance
      ? {
          concordant: fit.concordance.concordant,
          discordant: fit.concordance.discordant,
          tied_x: fit.concordance.tiedX,
          tied_y: fit.concordance.tiedY,
          tied_xy: fit.concordance.tiedXY,
          c: fit.concordance.c,
          std: fit.concordance.std,
        }
      : null,
    means: fit.means,
    vcov: toRows(fit.vcov, p),
  };
}

/**
 * The reference's Cox control: coxph.control(eps = 1e-10, iter.max = 200). The replicate sections
 * pass separation: 'flag' so that, like R (which only warns), a possibly infinite coefficient is
 * still reported.
 */
export const REFERENCE_COX = { eps: 1e-10, iterMax: 200 } as const;
