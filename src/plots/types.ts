// Input shapes of the figures: plain data, shaped so the survival engine's results fill them
// directly (a KaplanMeierFit spread into a KmGroup, a TimeRocResult is a RocCurve, a
// CalibrationResult is a CalibrationSeries, DecisionCurvePoint[] feeds a decision curve, a CoxFit
// is a CoxTable) without src/plots importing the engine. ArrayLike accepts typed arrays.

/** Options every figure takes. */
export interface FigureOptions {
  /** Accessible name (<title>) and, unless showTitle is false, the visible heading. */
  title: string;
  /** Accessible description (<desc>); a data summary is generated when omitted. */
  description?: string;
  /** Prefix of element ids (clip paths, patterns, title/desc); set it when several figures share a page. */
  id?: string;
  width?: number;
  height?: number;
  showTitle?: boolean;
  /** Corner of the plot area holding the legend (figures with a legend); each figure has a sensible default. */
  legendPosition?: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
}

/** One Kaplan–Meier curve: the fields of the engine's KaplanMeierFit plus a label and an optional band. */
export interface KmGroup {
  label: string;
  /** Distinct times, ascending (censoring-only times included). */
  time: ArrayLike<number>;
  surv: ArrayLike<number>;
  nRisk: ArrayLike<number>;
  nEvent: ArrayLike<number>;
  nCensor: ArrayLike<number>;
  /** Subjects in the group (number at risk at time 0). */
  n: number;
  /** Median survival (the engine's kmMedian(fit).median; NaN = not reached); shown in the description and by showMedianLines. */
  median?: number;
  /** Pointwise confidence band (the engine's confidenceBand); NaN entries end the band. */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

export interface KaplanMeierFigure extends FigureOptions {
  groups: KmGroup[];
  xLabel?: string;
  yLabel?: string;
  /** Spacing of x ticks and of the number-at-risk columns (e.g. 12 for months); default a nice step. */
  xTickStep?: number;
  /** Right end of the time axis; default the last time rounded up to a tick. */
  timeMax?: number;
  /** Log-rank p-value printed in the plot; omitted when undefined. */
  logRankP?: number;
  showCensorMarks?: boolean;
  /** Draw the bands of groups that carry lower/upper (default true). */
  showConfidenceBands?: boolean;
  /** Dotted lines at S = 0.5 down to each group's median (groups that carry a finite median). */
  showMedianLines?: boolean;
  /** Number-at-risk table under the axis (default true). */
  showRiskTable?: boolean;
}

/** One time-dependent ROC curve, as the engine's TimeRocResult (extra fields ignored). */
export interface RocCurve {
  /** Horizon, used for the default label "t = …". */
  t: number;
  auc: number;
  curve: ArrayLike<{ fp: number; tp: number }>;
  /** Legend label such as "1 year"; the AUC is appended. */
  label?: string;
}

export interface TimeRocFigure extends FigureOptions {
  curves: RocCurve[];
  xLabel?: string;
  yLabel?: string;
}

/** One risk group of a calibration plot, as the engine's CalibrationGroup. */
export interface CalibrationPoint {
  meanPredicted: number;
  observed: number;
  observedLower: number;
  observedUpper: number;
  n?: number;
}

/** Calibration at one horizon, as the engine's CalibrationResult (extra fields ignored). */
export interface CalibrationSeries {
  t: number;
  groups: CalibrationPoint[];
  label?: string;
}

export interface CalibrationFigure extends FigureOptions {
  series: CalibrationSeries[];
  xLabel?: string;
  yLabel?: string;
  /** Axis range for both axes; default [0, 1]. */
  domain?: [number, number];
}

/** Net benefit of one model by threshold; the engine's DecisionCurvePoint[] fits as is. */
export interface DecisionModelCurve {
  label: string;
  /** NaN model values (undefined net benefit) leave a gap. */
  points: ArrayLike<{ threshold: number; model: number }>;
}

export interface DecisionCurveFigure extends FigureOptions {
  models: DecisionModelCurve[];
  /** Treat-all net benefit by threshold; the same DecisionCurvePoint[] fits as is. */
  treatAll: ArrayLike<{ threshold: number; treatAll: number }>;
  xLabel?: string;
  yLabel?: string;
  /** y-axis range; default from a little below zero to the largest net benefit. */
  yDomain?: [number, number];
}

/** A named set (e.g. one selector's chosen features). */
export interface NamedSet {
  name: string;
  members: string[];
}

export interface UpSetFigure extends FigureOptions {
  sets: NamedSet[];
  /** Show at most this many intersections, largest first (default 40). */
  maxIntersections?: number;
  /** Emphasise the intersection of all sets (default true). */
  highlightAll?: boolean;
  xLabel?: string;
}

/** One row of a forest plot. */
export interface ForestRow {
  label: string;
  hr: number;
  lower: number;
  upper: number;
  p?: number;
}

/** A fitted Cox model's table; the engine's CoxFit fits as is. */
export interface CoxTable {
  terms: string[];
  hr: ArrayLike<number>;
  hrLower: ArrayLike<number>;
  hrUpper: ArrayLike<number>;
  pWald?: ArrayLike<number>;
}

export interface ForestFigure extends FigureOptions {
  rows: ForestRow[];
  xLabel?: string;
}
