// A paper-like text report of a study result: feature counts at each step, each selector's set,
// the intersection, the final model (Table 2 layout), AUCs at the horizons, cross-validation
// medians, the cut-point, the risk groups' KM medians and log-rank p, and Harrell's C.
import type { StudyResult } from './study.js';

const f = (v: number | null | undefined, digits = 3): string => (v === null || v === undefined || !Number.isFinite(v) ? 'NA' : v.toFixed(digits));
const pValue = (p: number): string => (p < 0.001 ? (p < 1e-4 ? p.toExponential(2) : '< 0.001') : p.toFixed(3));

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (cells: string[]): string => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatStudyReport(result: StudyResult): string {
  const { config, counts, full } = result;
  const p = full.pipeline;
  const unit = config.timeUnit;
  const out: string[] = [];
  out.push(`Radiomics survival study (${result.recipe}), seed ${config.seed}`);
  out.push(`Patients ${result.data.n}, events ${result.data.events}, censored ${result.data.censored}`);
  out.push('');
  out.push('Feature selection');
  out.push(`  input features                          ${counts.input}`);
  if (result.icc) {
    const icc = result.icc;
    out.push(`  ICC(2,1) > ${icc.threshold} (${icc.ids.length} patients, ${icc.subsetRule})   ${counts.afterIcc}  (dropped ${icc.dropped.length})`);
  } else out.push('  ICC filter                              not applied (no second reading)');
  out.push(`  univariate Cox p < ${config.univariate.pThreshold} (${config.univariate.ties}, Wald)   ${counts.univariate}`);
  for (const s of p.selectors) out.push(`    ${s.name.padEnd(9)} ${String(s.selected.length).padStart(4)}${s.error ? `  (did not run: ${s.error})` : ''}`);
  out.push(`  intersection of the six                 ${counts.intersection}`);
  if (p.candidates.rule === 'votes') out.push(`  fallback: chosen by ≥ ${p.candidates.minVotes} selectors          ${counts.candidates}`);
  out.push(`  stepwise AIC (both directions) → final  ${counts.final}`);
  if (p.stoppedAt) out.push(`  no model: ${p.stoppedAt}`);
  if (p.model) {
    out.push('');
    out.push('Final model (Cox, Efron ties, z-scored features)');
    out.push(
      ...table(
        ['feature', 'coef', 'HR', '1/HR', 'lower .95', 'upper .95', 'p'],
        p.model.terms.map((t) => [t.feature, f(t.coef, 4), f(t.hr, 4), f(t.invHr, 4), f(t.hrLower, 4), f(t.hrUpper, 4), pValue(t.p)]),
      ).map((l) => `  ${l}`),
    );
    out.push(`  radscore = Σ coef × z (uncentred linear predictor); AIC ${f(p.model.aic, 2)}`);
    if (p.model.infinite.length > 0) out.push(`  warning: coefficient may be infinite for ${p.model.infinite.join(', ')}`);
  }
  const ev = full.evaluation;
  if (ev) {
    out.push('');
    out.push(`Time-dependent ROC AUC (radscore; horizons in ${unit})`);
    out.push(...table(['horizon', 'AUC', 'cases', 'controls'], ev.auc.map((a) => [String(a.t), f(a.auc), String(a.nCases), String(a.nControls)])).map((l) => `  ${l}`));
    out.push(`  Harrell's C ${f(ev.concordance.c)} (se ${f(ev.concordance.std)})`);
  }
  if (result.cv.repeats.length > 0) {
    out.push('');
    out.push(`Cross-validation: ${result.cv.folds}-fold × ${result.cv.repeats.length} repeats, whole selection refitted in each training fold`);
    out.push(
      ...table(
        ['horizon', 'train median', 'validation median', 'undefined (train/val)'],
        result.cv.summary.map((s) => [String(s.t), f(s.trainMedian), f(s.validationMedian), `${s.undefinedTrain}/${s.undefinedValidation}`]),
      ).map((l) => `  ${l}`),
    );
    const noModel = result.cv.repeats.flatMap((r) => r.folds).filter((fo) => fo.model === null).length;
    if (noModel > 0) out.push(`  ${noModel} fold(s) produced no model (see result.json cv.repeats[].folds[].stoppedAt)`);
  }
  if (ev) {
    const c = ev.cutpoint;
    out.push('');
    out.push(`Risk groups: maxstat cut-point on the radscore ${f(c.value, 4)} (statistic ${f(c.statistic)}, Lausen–Schumacher p ${pValue(c.pLau94)})`);
    out.push(
      ...table(
        ['group', 'n', 'events', `median (${unit})`, '95% CI'],
        ev.riskGroups.groups.map((g) => [g.group, String(g.n), String(g.events), g.median === null ? 'not reached' : f(g.median, 1), `${f(g.medianLower, 1)}–${f(g.medianUpper, 1)}`]),
      ).map((l) => `  ${l}`),
    );
    out.push(`  log-rank chi-square ${f(ev.riskGroups.logRank.chisq, 2)}, p ${pValue(ev.riskGroups.logRank.p)}`);
    for (const cal of ev.calibration) {
      out.push(`  calibration at ${cal.t} ${unit}: ${cal.groups.map((g) => `predicted ${f(g.meanPredicted)} / observed ${f(g.observed)}`).join('; ')}`);
    }
  }
  return out.join('\n');
}
