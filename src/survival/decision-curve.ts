// Decision-curve analysis for survival at a horizon t (Vickers et al. 2008), as dcurves
// (ddsjoberg/dcurves R/test_consequences.R, R/dca.r; notes §9.5): predicted risk
// ρ_i = 1 − Ŝ(t|x_i); test positive when ρ_i ≥ p_t; risk among test positives = 1 − KM_pos(t)
// (survfit KM read at the last time ≤ t; undefined (NaN) if that subgroup's follow-up ends before
// t, 0 if empty); NB = tp_rate − fp_rate·p_t/(1 − p_t). Treat all: ρ ≡ 1; treat none: NB = 0.
import { kaplanMeier, survivalAt } from './kaplan-meier.js';
import { SurvivalInputError } from './errors.js';
import type { SurvivalOutcome } from './types.js';

export interface DecisionCurvePoint {
  threshold: number;
  model: number;
  treatAll: number;
  treatNone: number;
  testPositiveRate: number;
}

function netBenefit(outcome: SurvivalOutcome, positive: boolean[], t: number, pt: number): { nb: number; rate: number } {
  const n = positive.length;
  const idx = positive.flatMap((p, i) => (p ? [i] : []));
  const rate = idx.length / n;
  if (idx.length === 0) return { nb: 0, rate };
  const sub = { time: Float64Array.from(idx, (i) => outcome.time[i]!), status: Uint8Array.from(idx, (i) => outcome.status[i]!) };
  const km = kaplanMeier(sub);
  const risk = km.time[km.time.length - 1]! < t ? NaN : 1 - survivalAt(km, t);
  const tp = risk * rate;
  const fp = (1 - risk) * rate;
  return { nb: tp - (fp * pt) / (1 - pt), rate };
}

/** Net benefit of the model, treat-all and treat-none at each threshold probability. */
export function decisionCurve(outcome: SurvivalOutcome, predictedSurvival: ArrayLike<number>, t: number, thresholds: number[]): DecisionCurvePoint[] {
  const n = predictedSurvival.length;
  if (n !== outcome.time.length) throw new SurvivalInputError(`decision curve: ${n} predictions for ${outcome.time.length} subjects`);
  const risk = Array.from(predictedSurvival, (s) => 1 - s);
  return thresholds.map((threshold) => {
    if (!(threshold >= 0 && threshold < 1)) throw new SurvivalInputError(`decision curve: threshold ${threshold} is outside [0, 1)`);
    const pt = threshold === 0 ? 1e-9 : threshold;
    const model = netBenefit(outcome, risk.map((r) => r >= pt), t, pt);
    const all = netBenefit(outcome, risk.map(() => true), t, pt);
    return { threshold, model: model.nb, treatAll: all.nb, treatNone: 0, testPositiveRate: model.rate };
  });
}
