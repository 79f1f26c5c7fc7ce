// The study result's tables as CSV text (file name → content), for `radtrace study run -o DIR`:
// final model, AUCs and ROC curves, CV AUC distributions, risk groups, KM tables, calibration,
// decision curves, selector sets and their overlap, univariate screen, ICC table.
import type { StudyResult } from './study.js';

type Cell = string | number | boolean | null | undefined;

function csv(header: string[], rows: Cell[][]): string {
  const cell = (v: Cell): string => {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return 'NA';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

export function studyCsvFiles(result: StudyResult): Record<string, string> {
  const files: Record<string, string> = {};
  const p = result.full.pipeline;
  const ev = result.full.evaluation;
  if (p.univariate.rows) {
    files['univariate.csv'] = csv(
      ['feature', 'coef', 'se', 'z', 'p_wald', 'loglik', 'lrt_p', 'significant'],
      p.univariate.rows.map((r) => [r.feature, r.coef, r.se, r.z, r.p, r.loglik, r.lrtP, p.univariate.significant.includes(r.feature)]),
    );
  }
  if (result.icc) {
    files['icc.csv'] = csv(['feature', 'icc2_1', 'icc2_lower', 'icc2_upper', 'icc3_1', 'kept'], result.icc.table.map((r) => [r.feature, r.icc2, r.icc2Lower, r.icc2Upper, r.icc3, r.kept]));
  }
  files['selectors.csv'] = csv(
    ['feature', 'votes', ...p.selectors.map((s) => s.name)],
    Object.keys(p.overlap.votes).map((feature) => [feature, p.overlap.votes[feature], ...p.selectors.map((s) => s.selected.includes(feature))]),
  );
  files['overlap.csv'] = csv(['selectors', 'count', 'features'], p.overlap.patterns.map((o) => [o.selectors.join('&'), o.count, o.features.join(';')]));
  if (p.model) {
    files['final_model.csv'] = csv(
      ['feature', 'coef', 'hr', 'inv_hr', 'hr_lower_95', 'hr_upper_95', 'se', 'z', 'p', 'mean', 'sd'],
      p.model.terms.map((t) => [t.feature, t.coef, t.hr, t.invHr, t.hrLower, t.hrUpper, t.se, t.z, t.p, t.mean, t.sd]),
    );
  }
  if (ev) {
    files['radscore.csv'] = csv(['id', 'time', 'status', 'radscore', 'high_risk'], result.data.ids.map((id, i) => [id, result.data.time[i], result.data.status[i], ev.radscore[i], ev.riskGroups.high[i]]));
    files['auc.csv'] = csv(['t', 'auc', 'n_cases', 'n_controls'], ev.auc.map((a) => [a.t, a.auc, a.nCases, a.nControls]));
    files['roc_curves.csv'] = csv(['t', 'threshold', 'tp', 'fp'], ev.rocCurves.flatMap((c) => c.points.map((pt) => [c.t, pt.threshold, pt.tp, pt.fp])));
    files['calibration.csv'] = csv(
      ['t', 'group', 'n', 'mean_predicted', 'observed', 'observed_lower', 'observed_upper'],
      ev.calibration.flatMap((c) => c.groups.map((g) => [c.t, g.group, g.n, g.meanPredicted, g.observed, g.observedLower, g.observedUpper])),
    );
    files['decision_curves.csv'] = csv(
      ['t', 'threshold', 'net_benefit_model', 'net_benefit_treat_all', 'net_benefit_treat_none', 'test_positive_rate'],
      ev.decisionCurves.flatMap((d) => d.points.map((pt) => [d.t, pt.threshold, pt.model, pt.treatAll, pt.treatNone, pt.testPositiveRate])),
    );
    files['risk_groups.csv'] = csv(
      ['group', 'n', 'events', 'median', 'median_lower_95', 'median_upper_95', 'cutpoint', 'logrank_chisq', 'logrank_p'],
      ev.riskGroups.groups.map((g) => [g.group, g.n, g.events, g.median, g.medianLower, g.medianUpper, ev.cutpoint.value, ev.riskGroups.logRank.chisq, ev.riskGroups.logRank.p]),
    );
    files['km_risk_groups.csv'] = csv(
      ['group', 'time', 'n_risk', 'n_event', 'n_censor', 'surv', 'lower_95', 'upper_95'],
      ev.riskGroups.groups.flatMap((g) => g.km.map((k) => [g.group, k.time, k.nRisk, k.nEvent, k.nCensor, k.surv, k.lower, k.upper])),
    );
  }
  if (result.cv.repeats.length > 0) {
    files['cv_auc.csv'] = csv(
      ['repeat', 'fold', 't', 'train_auc', 'validation_auc', 'n_train', 'n_validation', 'model_features'],
      result.cv.repeats.flatMap((r) =>
        r.folds.flatMap((fo) =>
          fo.trainAuc.map((a, h) => [r.repeat, fo.fold, a.t, a.auc, fo.validationAuc[h]!.auc, fo.nTrain, fo.nValidation, fo.model?.map((m) => m.feature).join(';') ?? '']),
        ),
      ),
    );
    files['cv_summary.csv'] = csv(
      ['t', 'train_median', 'validation_median', 'train_median_of_repeat_means', 'validation_median_of_repeat_means', 'undefined_train', 'undefined_validation'],
      result.cv.summary.map((s) => [s.t, s.trainMedian, s.validationMedian, s.trainMedianOfRepeatMeans, s.validationMedianOfRepeatMeans, s.undefinedTrain, s.undefinedValidation]),
    );
  }
  return files;
}
