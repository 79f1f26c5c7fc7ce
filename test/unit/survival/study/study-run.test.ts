// runStudy end to end: determinism (same seed → identical JSON; any number of workers →
// identical), fallback when a step yields nothing, report and CSV output, bad input.
import { describe, expect, it } from 'vitest';
import {
  chooseCandidates,
  deriveSeed,
  fitPipeline,
  formatStudyReport,
  overlapOf,
  prepareStudy,
  resolveStudyConfig,
  runStudy,
  runStudyParallel,
  studyCsvFiles,
  studyResultToJson,
} from '../../../../src/survival/study/index.js';
import { NotEnoughEventsError, SurvivalInputError } from '../../../../src/survival/errors.js';
import { QUICK, simCohort } from './fixture.js';

describe('runStudy', () => {
  const { input, reader2 } = simCohort();
  const study = { ...input, reader2 };
  let reference = '';

  it('is deterministic for a seed and identical on 1 or 2 worker processes', async () => {
    const a = runStudy(study, { ...QUICK, seed: 5 });
    reference = studyResultToJson(a);
    expect(studyResultToJson(runStudy(study, { ...QUICK, seed: 5 }))).toBe(reference);
    expect(studyResultToJson(await runStudyParallel(study, { ...QUICK, seed: 5 }, { workers: 2 }))).toBe(reference);
    expect(studyResultToJson(await runStudyParallel(study, { ...QUICK, seed: 5 }, { workers: 1 }))).toBe(reference);
    // Every derived seed is recorded; the CV folds depend on the master seed.
    expect(a.cv.repeats.map((r) => r.foldSeed)).toEqual([deriveSeed(5, 'cv/r0/folds'), deriveSeed(5, 'cv/r1/folds')]);
    expect(a.full.pipeline.selectors.map((s) => s.seed)).toEqual(['enet', 'lasso', 'coxboost', 'gbm', 'rsf', 'superpc'].map((s) => deriveSeed(5, `full/${s}`)));
    expect(a.cv.repeats[1]!.folds[2]!.selectorSeeds.rsf).toBe(deriveSeed(5, 'cv/r1/f2/rsf'));
    expect(a.data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const b = runStudy(study, { ...QUICK, seed: 6, cv: { repeats: 1 } });
    expect(b.data.fingerprint).toBe(a.data.fingerprint);
    expect(prepareStudy(input, { cv: { repeats: 0 } }).fingerprint).not.toBe(a.data.fingerprint);
    expect(b.cv.repeats[0]!.folds[0]!.validationRows).not.toEqual(a.cv.repeats[0]!.folds[0]!.validationRows);
  });

  it('records the resolved settings, counts at each step and writes a paper-like report and CSVs', () => {
    const result = JSON.parse(reference) as ReturnType<typeof runStudy>;
    expect(result.config).toEqual(resolveStudyConfig({ ...QUICK, seed: 5 }));
    expect(result.counts.input).toBe(60);
    expect(result.counts.afterIcc).toBe(49);
    expect(result.counts.final).toBe(result.full.pipeline.model!.terms.length);
    expect(result.cv.summary[0]!.train).toHaveLength(6);
    const report = formatStudyReport(result);
    expect(report).toContain('ICC(2,1) > 0.8 (87 patients, common)   49');
    expect(report).toContain(`intersection of the six                 ${result.counts.intersection}`);
    for (const t of result.full.pipeline.model!.terms) expect(report).toContain(t.feature);
    expect(report).toContain('3-fold × 2 repeats');
    const files = studyCsvFiles(result);
    expect(files['final_model.csv']!.split('\n')[0]).toBe('feature,coef,hr,inv_hr,hr_lower_95,hr_upper_95,se,z,p,mean,sd');
    expect(files['final_model.csv']!.trim().split('\n')).toHaveLength(1 + result.counts.final);
    expect(files['cv_auc.csv']!.trim().split('\n')).toHaveLength(1 + 2 * 3 * 5);
    expect(files['radscore.csv']!.trim().split('\n')).toHaveLength(88);
    expect(files['auc.csv']).toContain('\n60,NA,51,0\n');
  });

  it('falls back to features chosen by ≥ k selectors when the intersection is empty, and records it', () => {
    // GBM selecting nothing (relative influence must exceed 100%) empties the intersection.
    const config = resolveStudyConfig({ ...QUICK, selectors: { ...QUICK.selectors, gbm: { ...QUICK.selectors!.gbm, minRelativeInfluence: 100 } } });
    const fitted = fitPipeline(input.outcome, input.features, config, 'full', false);
    const r = fitted.result;
    expect(r.overlap.sizes.gbm).toBe(0);
    expect(r.overlap.intersection).toEqual([]);
    expect(r.candidates.rule).toBe('votes');
    expect(r.candidates.minVotes).toBe(5);
    const others = r.selectors.filter((s) => s.name !== 'gbm');
    expect(r.candidates.features).toEqual(r.univariate.significant.filter((f) => others.every((s) => s.selected.includes(f))));
    expect(r.model).not.toBeNull();
    const none = fitPipeline(input.outcome, input.features, { ...config, intersection: { fallback: 'none', minVotes: 2 } }, 'full', false);
    expect(none.result.model).toBeNull();
    expect(none.result.stoppedAt).toMatch(/no feature in common/);
  });

  it('runs to the end and reports when no feature passes the screen (no model, null AUCs)', () => {
    const result = runStudy(input, { seed: 1, univariate: { pThreshold: 1e-30 }, cv: { repeats: 1 } });
    expect(result.full.pipeline.model).toBeNull();
    expect(result.full.evaluation).toBeNull();
    expect(result.full.pipeline.stoppedAt).toBe('no feature has univariate p < 1e-30');
    expect(result.counts.univariate).toBe(0);
    for (const fold of result.cv.repeats[0]!.folds) {
      expect(fold.stoppedAt).toMatch(/no feature has univariate p/);
      expect(fold.validationAuc.every((a) => a.auc === null)).toBe(true);
    }
    expect(result.cv.summary.every((s) => s.validationMedian === null && s.undefinedValidation === 3)).toBe(true);
    const report = formatStudyReport(result);
    expect(report).toContain('no model: no feature has univariate p < 1e-30');
    expect(report).toContain('3 fold(s) produced no model');
    expect(Object.keys(studyCsvFiles(result))).not.toContain('final_model.csv');
  });

  it('overlap and candidate rules on hand-made sets', () => {
    const sets = [['a', 'b'], ['a', 'b', 'c'], ['a', 'c'], ['b'], ['a', 'b'], ['a']];
    const o = overlapOf(['a', 'b', 'c', 'd'], sets);
    expect(o.votes).toEqual({ a: 5, b: 4, c: 2, d: 0 });
    expect(o.intersection).toEqual([]);
    expect(o.union).toEqual(['a', 'b', 'c']);
    expect(o.patterns.find((p) => p.features.includes('a'))!.selectors).toEqual(['enet', 'lasso', 'coxboost', 'rsf', 'superpc']);
    expect(chooseCandidates(o, { fallback: 'votes', minVotes: 2 })).toEqual({ rule: 'votes', minVotes: 5, features: ['a'] });
    expect(chooseCandidates(overlapOf(['c'], [['c'], [], [], [], [], []]), { fallback: 'votes', minVotes: 2 }).rule).toBe('none');
    const all = overlapOf(['a', 'b'], [['a'], ['a'], ['a', 'b'], ['a'], ['a'], ['a']]);
    expect(chooseCandidates(all, { fallback: 'votes', minVotes: 2 })).toEqual({ rule: 'intersection', minVotes: 6, features: ['a'] });
  });

  it('rejects bad input with a message naming the problem', () => {
    const base = { ids: input.ids, outcome: input.outcome, features: input.features };
    const badEvent = Uint8Array.from(input.outcome.status);
    badEvent[4] = 2;
    expect(() => prepareStudy({ ...base, outcome: { time: input.outcome.time, status: badEvent } })).toThrow(/event of subject 5 is 2/);
    const negative = Float64Array.from(input.outcome.time);
    negative[2] = -1;
    expect(() => prepareStudy({ ...base, outcome: { time: negative, status: input.outcome.status } })).toThrow(/time of subject 3 is negative/);
    const few = Uint8Array.from(input.outcome.status, (_, i) => (i < 5 ? 1 : 0));
    expect(() => prepareStudy({ ...base, outcome: { time: input.outcome.time, status: few } })).toThrow(NotEnoughEventsError);
    expect(() => prepareStudy(base, { minEvents: 60 })).toThrow(/needs at least 60 events; the data have 51/);
    const constant = { names: ['flat', ...input.features.names.slice(1)], columns: [new Float64Array(87).fill(3), ...input.features.columns.slice(1)] };
    expect(() => prepareStudy({ ...base, features: constant })).toThrow(/feature 'flat' is constant/);
    const r2 = { ids: reader2.ids, features: { names: reader2.features.names.slice(1), columns: reader2.features.columns.slice(1) } };
    expect(() => prepareStudy({ ...base, reader2: r2 })).toThrow(/reader-2 table lacks 1 feature column\(s\): original_shape_Sphericity/);
    expect(() => prepareStudy({ ...base, reader2, iccSubset: ['1', 'nobody'] })).toThrow(/patient id 'nobody' is not in both/);
    expect(() => prepareStudy({ ...base, iccSubset: 30 })).toThrow(/without a reader-2 table/);
    expect(() => prepareStudy(base, { cv: { folds: 1 } })).toThrow(SurvivalInputError);
    expect(() => prepareStudy(base, { intersection: { minVotes: 7 } })).toThrow(/minVotes must be an integer in 1..6/);
  });
});
