// dataset, n, events, features, model_scale and zscore (reference.R analyze(), zscore()).
import { fitZScore } from '../zscore.js';
import type { ReplicateSection } from './types.js';

export const headerSection: ReplicateSection = (ctx) => {
  const z = fitZScore(ctx.raw);
  return {
    dataset: ctx.spec.dataset,
    n: ctx.outcome.time.length,
    events: ctx.outcome.status.reduce((a, s) => a + s, 0),
    features: ctx.spec.features,
    model_scale: ctx.spec.model_scale,
    zscore: { feature: z.names, mean: z.mean, sd: z.sd },
  };
};
