// maxstat: maximally selected log-rank statistic of the radscore (reference.R maxstat_block).
import { maxstatLogRank } from '../maxstat.js';
import { logRankJson } from './logrank.js';
import { radscoreOf } from './stepaic.js';
import type { ReplicateSection } from './types.js';

export const maxstatSection: ReplicateSection = (ctx) => {
  const { minprop, maxprop } = ctx.spec.maxstat;
  const m = maxstatLogRank(ctx.outcome, radscoreOf(ctx.results), minprop, maxprop);
  return {
    maxstat: {
      cutpoint: m.cutpoint,
      statistic: m.statistic,
      p_Lau94: m.pLau94,
      minprop,
      maxprop,
      cuts: m.cuts,
      stats: m.stats,
      logrank_scores: m.scores,
      high_group: m.highGroup,
      logrank_high_vs_low: logRankJson(ctx.outcome, m.highGroup, 'score > maxstat cutpoint'),
    },
  };
};
