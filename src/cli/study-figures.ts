// The study result (src/survival/study) turned into the paper's figures (src/plots). This adapter
// lives on the CLI side so that neither engine imports the other. A figure whose data are
// missing (no final model, a selector that failed, an undefined AUC) is left out or drawn without
// the missing piece, and the reason is returned in `notes` for the caller to print.
import { PlotInputError, calibrationSvg, decisionCurveSvg, escapeXml, forestSvg, kaplanMeierSvg, timeRocSvg, upsetSvg } from '../plots/index.js';
import type { CalibrationSeries, ForestRow, KmGroup, NamedSet, RocCurve } from '../plots/index.js';
import type { Evaluation, FinalModel, RiskGroup, StudyResult } from '../survival/study/index.js';

export interface StudyFigure {
  /** Stable file name, e.g. `fig4-time-roc.svg`. */
  file: string;
  svg: string;
}

export interface StudyFigures {
  figures: StudyFigure[];
  /** Why a figure, or part of one, was left out (one sentence each). */
  notes: string[];
}

/** Display names of the selectors, in the recipe's order. */
export const SELECTOR_LABELS: Record<string, string> = {
  enet: 'Elastic net',
  lasso: 'Lasso',
  coxboost: 'CoxBoost',
  gbm: 'GBM',
  rsf: 'RSF',
  superpc: 'SuperPC',
};

/** Study times are months (the recipe's horizons 12 … 60): 12 → "1 year", 18 → "18 months". */
export function horizonLabel(t: number): string {
  if (t > 0 && t % 12 === 0) return t === 12 ? '1 year' : `${t / 12} years`;
  return `${t} months`;
}

// Values read back from result.json carry null where the engine had NaN.
const num = (v: number | null | undefined): number => (typeof v === 'number' ? v : NaN);

function selectorOverlap(result: StudyResult, notes: string[]): string | null {
  const selectors = result.full.pipeline.selectors;
  const sets: NamedSet[] = selectors.map((s) => ({ name: SELECTOR_LABELS[s.name] ?? s.name, members: s.selected }));
  for (const s of selectors) if (s.error) notes.push(`fig3: selector ${s.name} failed (${s.error}); drawn as an empty set`);
  if (sets.every((s) => s.members.length === 0)) {
    notes.push('fig3-selector-overlap.svg skipped: every selector chose nothing');
    return null;
  }
  const { candidates, overlap } = result.full.pipeline;
  const rule = candidates.rule === 'votes' ? `; empty intersection, candidates chosen by ≥ ${candidates.minVotes} selectors` : '';
  return upsetSvg({
    title: 'Features chosen by the six selectors',
    description: `UpSet plot of the features chosen by ${sets.map((s) => `${s.name} (${s.members.length})`).join(', ')}; ${overlap.intersection.length} chosen by all six${rule}.`,
    sets,
    xLabel: 'Features',
  });
}

function timeRoc(evaluation: Evaluation, notes: string[]): string | null {
  const curves: RocCurve[] = [];
  for (const { t, points } of evaluation.rocCurves) {
    const auc = evaluation.auc.find((a) => a.t === t)?.auc ?? null;
    if (auc === null) {
      notes.push(`fig4: no curve at ${horizonLabel(t)} (AUC undefined: no case or no control at that horizon)`);
      continue;
    }
    curves.push({ t, auc, curve: points, label: horizonLabel(t) });
  }
  if (curves.length === 0) {
    notes.push('fig4-time-roc.svg skipped: the AUC is undefined at every horizon');
    return null;
  }
  return timeRocSvg({ title: 'Time-dependent ROC of the radscore', curves });
}

function calibration(evaluation: Evaluation, notes: string[]): string | null {
  const series: CalibrationSeries[] = [];
  for (const { t, groups } of evaluation.calibration) {
    const points: CalibrationSeries['groups'] = [];
    for (const g of groups) {
      const meanPredicted = num(g.meanPredicted);
      const observed = num(g.observed);
      if (!Number.isFinite(meanPredicted) || !Number.isFinite(observed)) {
        notes.push(`fig5: a risk group at ${horizonLabel(t)} left out (predicted or observed survival undefined)`);
        continue;
      }
      let [observedLower, observedUpper] = [num(g.observedLower), num(g.observedUpper)];
      if (!Number.isFinite(observedLower) || !Number.isFinite(observedUpper)) {
        // e.g. observed survival 0: the log-type CI is undefined; the point is drawn without a bar.
        notes.push(`fig5: the risk group at ${horizonLabel(t)} with observed survival ${observed.toFixed(3)} has no CI; drawn without a bar`);
        [observedLower, observedUpper] = [observed, observed];
      }
      points.push({ meanPredicted, observed, observedLower, observedUpper, n: g.n });
    }
    if (points.length > 0) series.push({ t, groups: points, label: horizonLabel(t) });
  }
  if (series.length === 0) {
    notes.push('fig5-calibration.svg skipped: no calibration point is defined');
    return null;
  }
  return calibrationSvg({ title: 'Calibration of the final model', series, xLabel: 'Predicted survival', yLabel: 'Observed survival (Kaplan–Meier)' });
}

function kmGroup(group: RiskGroup, label: string): KmGroup {
  return {
    label,
    time: group.km.map((r) => r.time),
    surv: group.km.map((r) => r.surv),
    nRisk: group.km.map((r) => r.nRisk),
    nEvent: group.km.map((r) => r.nEvent),
    nCensor: group.km.map((r) => r.nCensor),
    n: group.n,
    median: num(group.median),
    lower: group.km.map((r) => num(r.lower)),
    upper: group.km.map((r) => num(r.upper)),
  };
}

function medianText(g: RiskGroup): string {
  return g.median === null ? 'median NR' : `median ${g.median.toFixed(1)} mo`;
}

function riskGroups(evaluation: Evaluation, notes: string[]): string | null {
  const { groups, logRank } = evaluation.riskGroups;
  const present = groups.filter((g) => g.n > 0 && g.km.length > 0);
  if (present.length < groups.length) notes.push('fig6: a risk group is empty');
  if (present.length === 0) {
    notes.push('fig6-km-risk-groups.svg skipped: no risk group has patients');
    return null;
  }
  const cut = evaluation.cutpoint.value;
  const label = (g: RiskGroup) => `${g.group === 'high' ? 'High' : 'Low'} risk (${medianText(g)})`;
  return kaplanMeierSvg({
    title: `Survival by radscore risk group (cut-point ${cut.toFixed(3).replace('-', '\u2212')})`,
    groups: present.map((g) => kmGroup(g, label(g))),
    xLabel: 'Months',
    yLabel: 'Survival probability',
    xTickStep: 12,
    logRankP: num(logRank.p),
    showMedianLines: true,
  });
}

/** Nest several figure documents side by side in one SVG (each keeps its own title and ids). */
function panels(title: string, description: string, docs: string[]): string {
  let x = 0;
  let height = 0;
  const body = docs.map((doc) => {
    const root = /^<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(doc);
    if (!root) throw new Error('study figures: a panel is not an SVG document with width and height');
    const g = `<g transform="translate(${x} 0)">${doc.trimEnd()}</g>`;
    x += Number(root[1]);
    height = Math.max(height, Number(root[2]));
    return g;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${x}" height="${height}" viewBox="0 0 ${x} ${height}" role="img" aria-labelledby="panels-title panels-desc">` +
    `<title id="panels-title">${escapeXml(title)}</title><desc id="panels-desc">${escapeXml(description)}</desc>` +
    `<rect width="${x}" height="${height}" fill="#ffffff"/>${body.join('')}</svg>\n`
  );
}

function decisionCurves(evaluation: Evaluation, notes: string[]): string | null {
  const docs: string[] = [];
  const shown: string[] = [];
  for (const { t, points } of evaluation.decisionCurves) {
    const clean = points.map((p) => ({ threshold: p.threshold, model: num(p.model), treatAll: num(p.treatAll) }));
    try {
      docs.push(decisionCurveSvg({ title: `Decision curve, ${horizonLabel(t)}`, id: `dca-${t}`, models: [{ label: 'Radscore model', points: clean }], treatAll: clean, width: 420, height: 340 }));
      shown.push(horizonLabel(t));
    } catch (error) {
      if (!(error instanceof PlotInputError)) throw error;
      notes.push(`decision-curves: no panel at ${horizonLabel(t)} (${error.message})`);
    }
  }
  if (docs.length === 0) {
    notes.push('decision-curves.svg skipped: no horizon has a defined net benefit');
    return null;
  }
  return panels(
    'Decision curves of the final model',
    `Net benefit of the radscore model against treat all and treat none at ${shown.join(', ')}, one panel per horizon.`,
    docs,
  );
}

function forest(model: FinalModel, notes: string[]): string | null {
  const rows: ForestRow[] = [];
  for (const t of model.terms) {
    const row = { label: t.feature, hr: num(t.hr), lower: num(t.hrLower), upper: num(t.hrUpper), p: num(t.p) };
    if ([row.hr, row.lower, row.upper].every((v) => Number.isFinite(v) && v > 0)) rows.push(row);
    else notes.push(`forest: term ${t.feature} left out (HR or its CI is not finite)`);
  }
  if (rows.length === 0) {
    notes.push('forest-final-model.svg skipped: no term has a finite HR and CI');
    return null;
  }
  return forestSvg({ title: 'Final Cox model (z-scored features, Efron ties)', rows, xLabel: 'Hazard ratio per SD (95% CI)' });
}

/**
 * The study's figures as SVG documents: fig3-selector-overlap, fig4-time-roc, fig5-calibration,
 * fig6-km-risk-groups, decision-curves and forest-final-model. Without a final model only the
 * selector overlap is drawn. (No CV-AUC figure: src/plots has no box or strip plot.)
 */
export function studyFigures(result: StudyResult): StudyFigures {
  const notes: string[] = [];
  const figures: StudyFigure[] = [];
  const add = (file: string, build: () => string | null): void => {
    try {
      const svg = build();
      if (svg !== null) figures.push({ file, svg });
    } catch (error) {
      if (!(error instanceof PlotInputError)) throw error;
      notes.push(`${file} skipped: ${error.message}`);
    }
  };
  add('fig3-selector-overlap.svg', () => selectorOverlap(result, notes));
  const { evaluation } = result.full;
  const model = result.full.pipeline.model;
  if (!evaluation || !model) {
    const why = result.full.pipeline.stoppedAt ?? 'the recipe produced no final model';
    notes.push(`no final model (${why}): fig4-time-roc, fig5-calibration, fig6-km-risk-groups, decision-curves and forest-final-model skipped`);
    return { figures, notes };
  }
  add('fig4-time-roc.svg', () => timeRoc(evaluation, notes));
  add('fig5-calibration.svg', () => calibration(evaluation, notes));
  add('fig6-km-risk-groups.svg', () => riskGroups(evaluation, notes));
  add('decision-curves.svg', () => decisionCurves(evaluation, notes));
  add('forest-final-model.svg', () => forest(model, notes));
  return { figures, notes };
}
