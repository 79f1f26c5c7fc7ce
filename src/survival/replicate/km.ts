// km: survfit(Surv(time, status) ~ 1) table, medians under the three CI types, restricted mean
// and the reverse-KM median follow-up (reference.R km_block).
import { confidenceBand, kaplanMeier, kmMedian, medianFollowUp, restrictedMean, type ConfType } from '../kaplan-meier.js';
import type { ReplicateSection } from './types.js';

export const kmSection: ReplicateSection = (ctx) => {
  const fit = kaplanMeier(ctx.outcome);
  const band = confidenceBand(fit, 'log');
  const rm = restrictedMean(fit);
  const median = (type: ConfType): Record<string, number> => {
    const m = kmMedian(fit, type);
    return { median: m.median, median_lower: m.lower, median_upper: m.upper };
  };
  const reverse = medianFollowUp(ctx.outcome);
  return {
    km: {
      table: {
        time: fit.time,
        n_risk: fit.nRisk,
        n_event: fit.nEvent,
        n_censor: fit.nCensor,
        surv: fit.surv,
        std_err: fit.stdErr,
        se_surv: fit.surv.map((s, k) => s * fit.stdErr[k]!),
        lower: band.lower,
        upper: band.upper,
      },
      n: fit.n,
      events: fit.events,
      rmean: rm.rmean,
      rmean_se: rm.se,
      median_conf_log: median('log'),
      median_conf_loglog: median('log-log'),
      median_conf_plain: median('plain'),
      median_followup_reverse_km: { median: reverse.median, lower: reverse.lower, upper: reverse.upper },
    },
  };
};
