// Public API of the figure engine: plain data in, SVG document strings out (no DOM, no
// dependencies, deterministic). See docs/plots.md.
export type * from './types.js';
export { PlotInputError } from './errors.js';
export { kaplanMeierSvg, numberAtRisk } from './kaplan-meier.js';
export { timeRocSvg, rocLabel } from './time-roc.js';
export { calibrationSvg, calibrationLabel } from './calibration.js';
export { decisionCurveSvg } from './decision-curve.js';
export { upsetSvg, exclusiveIntersections } from './upset.js';
export type { Intersection } from './upset.js';
export { forestSvg, forestRowsFromCox, hrText } from './forest.js';
export { linearScale, logScale, niceStep, niceTicks, ticksWithStep, niceDomain, logTicks } from './scale.js';
export type { Scale } from './scale.js';
export { escapeXml, fmt, formatP, textWidth } from './format.js';
export { seriesStyle } from './style.js';
export type { SeriesStyle, MarkerShape } from './style.js';
