// univariate_cox: one coxph per candidate feature on raw covariates, Efron and Breslow, and the
// features with Wald p(Efron) < 0.05 (reference.R univariate_cox).
import { univariateCox } from '../univariate.js';
import { REFERENCE_COX } from './cox-summary.js';
import type { ReplicateSection } from './types.js';

export const univariateSection: ReplicateSection = (ctx) => {
  const table: Record<string, unknown> = { feature: ctx.raw.names };
  let significant: string[] = [];
  for (const ties of ['efron', 'breslow'] as const) {
    const rows = univariateCox(ctx.outcome, ctx.raw, { ties, ...REFERENCE_COX, separation: 'flag' });
    table[`coef_${ties}`] = rows.map((r) => r.coef);
    table[`se_${ties}`] = rows.map((r) => r.se);
    table[`z_${ties}`] = rows.map((r) => r.z);
    table[`p_${ties}`] = rows.map((r) => r.p);
    table[`loglik_${ties}`] = rows.map((r) => r.loglik);
    table[`lrt_p_${ties}`] = rows.map((r) => r.lrtP);
    if (ties === 'efron') significant = rows.filter((r) => r.p < 0.05).map((r) => r.feature);
  }
  return { univariate_cox: table, 'univariate_significant_efron_p_lt_0.05': significant };
};
