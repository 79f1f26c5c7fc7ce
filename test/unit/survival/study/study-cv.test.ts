// Cross-validation of the whole recipe: the training-fold pipeline never depends on validation
// rows (no leakage), validation scoring uses the training fold's z-score and model, and fold
// splits are stratified and seeded.
import { describe, expect, it } from 'vitest';
import { linearPredictor } from '../../../../src/survival/cox.js';
import { Random } from '../../../../src/survival/random.js';
import {
  aucAt,
  fitPipeline,
  resolveStudyConfig,
  runCvFold,
  runCvRepeat,
  subsetOutcome,
  subsetRows,
  summariseCv,
} from '../../../../src/survival/study/index.js';
import { applyZScore } from '../../../../src/survival/zscore.js';
import type { FeatureMatrix, SurvivalOutcome } from '../../../../src/survival/types.js';
import { QUICK, simCohort } from './fixture.js';

describe('study cross-validation', () => {
  const { input } = simCohort();
  const config = resolveStudyConfig({ ...QUICK, seed: 3 });
  const n = input.outcome.time.length;
  const validation = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 === 1);
  const train = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1);

  it('a fold model does not change when the validation rows are replaced by garbage (no leakage)', () => {
    const rng = new Random(99);
    const garbled: FeatureMatrix = {
      names: input.features.names,
      columns: input.features.columns.map((col) => {
        const c = Float64Array.from(col);
        for (const i of validation) c[i] = (rng.uniform() - 0.5) * 1e6;
        return c;
      }),
    };
    const outcome: SurvivalOutcome = { time: Float64Array.from(input.outcome.time), status: Uint8Array.from(input.outcome.status) };
    for (const i of validation) {
      outcome.time[i] = 0.5 + rng.uniform() * 70;
      outcome.status[i] = rng.uniform() < 0.5 ? 1 : 0;
    }
    const clean = runCvFold(input.outcome, input.features, train, validation, config, 0, 0);
    const dirty = runCvFold(outcome, garbled, train, validation, config, 0, 0);
    expect(clean.model).not.toBeNull();
    // Everything learnt on the training rows is bit-identical…
    expect(dirty.model).toEqual(clean.model);
    expect(dirty.screened).toBe(clean.screened);
    expect(dirty.selectorSizes).toEqual(clean.selectorSizes);
    expect(dirty.candidates).toEqual(clean.candidates);
    expect(dirty.trainAuc).toEqual(clean.trainAuc);
    // …while the validation AUCs, which do use the validation rows, change.
    expect(dirty.validationAuc).not.toEqual(clean.validationAuc);
  });

  it('scores the validation rows with the training fold\'s z-score and model', () => {
    const fold = runCvFold(input.outcome, input.features, train, validation, config, 0, 0);
    const fitted = fitPipeline(subsetOutcome(input.outcome, train), subsetRows(input.features, train), config, 'cv/r0/f0', false);
    // The training z-score uses training rows only: its means are the training means.
    const j = 0;
    const col = input.features.columns[j]!;
    const trainMean = train.reduce((a, i) => a + col[i]!, 0) / train.length;
    expect(fitted.zscore.mean[j]).toBeCloseTo(trainMean, 10);
    const zValidation = applyZScore(fitted.zscore, subsetRows(input.features, validation));
    const expected = aucAt(subsetOutcome(input.outcome, validation), linearPredictor(fitted.fit!, zValidation), config.horizons);
    expect(fold.validationAuc).toEqual(expected);
    expect(fold.model).toEqual(fitted.fit!.terms.map((feature, k) => ({ feature, coef: fitted.fit!.coef[k]! })));
  });

  it('repeats use stratified seeded folds covering every patient once, and a summary of their AUCs', () => {
    const r0 = runCvRepeat(input.outcome, input.features, config, 0);
    const again = runCvRepeat(input.outcome, input.features, config, 0);
    expect(again).toEqual(r0);
    expect(r0.folds).toHaveLength(3);
    const seen = r0.folds.flatMap((f) => f.validationRows).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => i));
    const events = input.outcome.status.reduce((a, s) => a + s, 0);
    for (const f of r0.folds) {
      const e = f.validationRows.reduce((a, i) => a + input.outcome.status[i]!, 0);
      expect(Math.abs(e - events / 3)).toBeLessThanOrEqual(1);
      expect(f.nTrain + f.nValidation).toBe(n);
    }
    const summary = summariseCv([r0], config.horizons);
    const at12 = r0.folds.map((f) => f.validationAuc[0]!.auc!).sort((a, b) => a - b);
    expect(summary[0]!.validationMedian).toBe(at12[1]);
    expect(summary[0]!.validation).toHaveLength(3);
    // 60 months: no controls in any fold.
    expect(summary[4]!.undefinedValidation).toBe(3);
    expect(summary[4]!.validationMedian).toBeNull();
  });
});
