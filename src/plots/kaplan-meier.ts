// Fig. 6: Kaplan–Meier curves of k groups as step functions, with censoring marks, optional
// confidence bands, a number-at-risk table under the time axis, a legend and the log-rank p.
import { PlotInputError } from './errors.js';
import { fmt, formatP, textWidth } from './format.js';
import { axisBottom, axisLeft, bottom, clipRect, figureId, grid, legend, plotSpan, requireFinite, right, svgDocument, titleSpace } from './layout.js';
import type { Area } from './layout.js';
import { linearScale, niceDomain, niceStep, ticksWithStep } from './scale.js';
import type { Scale } from './scale.js';
import { el, PathBuilder, text } from './svg.js';
import { FONT_SIZE, GREY, seriesStyle, SMALL_FONT_SIZE } from './style.js';
import type { KaplanMeierFigure, KmGroup } from './types.js';

const FIGURE = 'Kaplan–Meier figure';
const RISK_ROW = 18;

function validateGroup(g: KmGroup, k: number): void {
  const m = g.time.length;
  if (m === 0) throw new PlotInputError(`${FIGURE}: group ${k} ("${g.label}") has no times`);
  for (const [name, arr] of [['surv', g.surv], ['nRisk', g.nRisk], ['nEvent', g.nEvent], ['nCensor', g.nCensor]] as const) {
    if (arr.length !== m) throw new PlotInputError(`${FIGURE}: group ${k} ("${g.label}") has ${m} times but ${arr.length} ${name} values`);
    requireFinite(FIGURE, `groups[${k}].${name}`, arr);
  }
  requireFinite(FIGURE, `groups[${k}].time`, g.time);
  for (let i = 1; i < m; i++) {
    if (!(g.time[i]! > g.time[i - 1]!)) throw new PlotInputError(`${FIGURE}: group ${k} ("${g.label}") times must be strictly ascending (index ${i})`);
  }
  for (let i = 0; i < m; i++) {
    if (g.surv[i]! < 0 || g.surv[i]! > 1) throw new PlotInputError(`${FIGURE}: group ${k} ("${g.label}") surv[${i}] = ${g.surv[i]} is outside [0, 1]`);
  }
  if ((g.lower === undefined) !== (g.upper === undefined)) throw new PlotInputError(`${FIGURE}: group ${k} ("${g.label}") has only one of lower/upper`);
  if (g.lower && (g.lower.length !== m || g.upper!.length !== m)) throw new PlotInputError(`${FIGURE}: group ${k} ("${g.label}") band length differs from its ${m} times`);
}

/** Number at risk at time t: subjects whose time is ≥ t (n before the first time). */
export function numberAtRisk(g: KmGroup, t: number): number {
  for (let i = 0; i < g.time.length; i++) if (g.time[i]! >= t) return g.nRisk[i]!;
  return 0;
}

/** Vertices of the right-continuous step function starting at (0, start), ending at (end, last). */
function stepVertices(time: ArrayLike<number>, values: ArrayLike<number>, count: number, end: number): [number, number][] {
  const pts: [number, number][] = [[0, 1]];
  let prev = 1;
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    if (v !== prev) {
      pts.push([time[i]!, prev], [time[i]!, v]);
      prev = v;
    }
  }
  pts.push([end, prev]);
  return pts;
}

function curvePath(g: KmGroup, x: Scale, y: Scale): string {
  const m = g.time.length;
  const p = new PathBuilder().moveTo(x(0), y(1));
  let prev = 1;
  for (let i = 0; i < m; i++) {
    if (g.surv[i] !== prev) {
      p.horizontalTo(x(g.time[i]!)).verticalTo(y(g.surv[i]!));
      prev = g.surv[i]!;
    }
  }
  return p.horizontalTo(x(g.time[m - 1]!)).toString();
}

function bandPath(g: KmGroup, x: Scale, y: Scale): string | undefined {
  if (!g.lower || !g.upper) return undefined;
  let count = 0;
  while (count < g.time.length && Number.isFinite(g.lower[count]) && Number.isFinite(g.upper[count])) count++;
  if (count === 0) return undefined;
  const end = count < g.time.length ? g.time[count]! : g.time[count - 1]!;
  const upper = stepVertices(g.time, g.upper, count, end);
  const lower = stepVertices(g.time, g.lower, count, end).reverse();
  const p = new PathBuilder();
  [...upper, ...lower].forEach(([t, v], i) => (i === 0 ? p.moveTo(x(t), y(v)) : p.lineTo(x(t), y(v))));
  return p.close().toString();
}

function censorMarks(g: KmGroup, x: Scale, y: Scale): string {
  const p = new PathBuilder();
  for (let i = 0; i < g.time.length; i++) {
    if (g.nCensor[i]! > 0) {
      const cx = x(g.time[i]!);
      const cy = y(g.surv[i]!);
      p.moveTo(cx, cy - 4).verticalTo(cy + 4);
    }
  }
  return p.toString();
}

function medianText(g: KmGroup): string {
  if (g.median === undefined) return '';
  return Number.isFinite(g.median) ? `, median ${fmt(g.median)}` : ', median not reached';
}

/** Dotted guide from S = 0.5 on the axis to each finite median, then down to the time axis. */
function medianLines(groups: KmGroup[], x: Scale, y: Scale): string | undefined {
  const medians = groups.map((g) => g.median).filter((m): m is number => m !== undefined && Number.isFinite(m));
  if (medians.length === 0) return undefined;
  const p = new PathBuilder().moveTo(x(0), y(0.5)).horizontalTo(x(Math.max(...medians)));
  for (const m of medians) p.moveTo(x(m), y(0.5)).verticalTo(y(0));
  return el('path', { class: 'km-median', d: p.toString(), fill: 'none', stroke: GREY, 'stroke-width': 1, 'stroke-dasharray': '2 3' });
}

function describe(fig: KaplanMeierFigure): string {
  const parts = fig.groups.map((g) => {
    let events = 0;
    for (let i = 0; i < g.nEvent.length; i++) events += g.nEvent[i]!;
    return `${g.label} (n = ${g.n}, ${events} events${medianText(g)})`;
  });
  const p = fig.logRankP === undefined ? '' : ` Log-rank p ${formatP(fig.logRankP)}.`;
  return `Kaplan–Meier curves of ${fig.groups.length} group${fig.groups.length === 1 ? '' : 's'}: ${parts.join('; ')}.${p}`;
}

function riskTable(fig: KaplanMeierFigure, x: Scale, ticks: number[], area: Area, top: number): string {
  const rows: string[] = [text('Number at risk', { x: 16, y: top, 'font-weight': 'bold', 'font-size': SMALL_FONT_SIZE })];
  fig.groups.forEach((g, k) => {
    const style = seriesStyle(k);
    const y = top + RISK_ROW * (k + 1);
    rows.push(el('path', { d: new PathBuilder().moveTo(16, y - 4).horizontalTo(36).toString(), stroke: style.colour, 'stroke-width': 2, 'stroke-dasharray': style.dash, fill: 'none' }));
    rows.push(text(g.label, { x: 42, y, 'font-size': SMALL_FONT_SIZE }));
    for (const t of ticks) rows.push(text(String(numberAtRisk(g, t)), { x: x(t), y, 'text-anchor': 'middle', 'font-size': SMALL_FONT_SIZE, fill: style.colour }));
  });
  return el('g', { class: 'risk-table' }, rows);
}

/** Kaplan–Meier figure as an SVG document string. */
export function kaplanMeierSvg(fig: KaplanMeierFigure): string {
  const id = figureId(fig, 'km');
  if (!Array.isArray(fig.groups) || fig.groups.length === 0) throw new PlotInputError(`${FIGURE}: at least one group is required`);
  fig.groups.forEach(validateGroup);
  const lastTime = Math.max(...fig.groups.map((g) => g.time[g.time.length - 1]!));
  const step = fig.xTickStep ?? niceStep(Math.max(lastTime, 1e-9), 6);
  const timeMax = fig.timeMax ?? niceDomain(0, Math.max(lastTime, step), step)[1];
  if (!(timeMax > 0)) throw new PlotInputError(`${FIGURE}: timeMax ${timeMax} must be positive`);
  const showTable = fig.showRiskTable !== false;
  const labelWidth = Math.max(...fig.groups.map((g) => textWidth(g.label, SMALL_FONT_SIZE)));
  const left = Math.max(72, showTable ? 42 + labelWidth + 28 : 0);
  const tableTop = 66;
  const tableHeight = showTable ? tableTop - 40 + RISK_ROW * fig.groups.length : 0;
  const top = titleSpace(fig);
  const plotWidth = plotSpan(FIGURE, 'width', fig.width, left + 28, 680 - left - 28);
  const plotHeight = plotSpan(FIGURE, 'height', fig.height, top + 50 + tableHeight + 12, 320);
  const area: Area = { x: left, y: top, width: plotWidth, height: plotHeight };
  const width = left + plotWidth + 28;
  const height = top + plotHeight + 50 + tableHeight + 12;
  const x = linearScale([0, timeMax], [area.x, right(area)]);
  const y = linearScale([0, 1], [bottom(area), area.y]);
  const xTicks = ticksWithStep(0, timeMax, step);
  const yTicks = ticksWithStep(0, 1, 0.2);

  const body: string[] = [grid(area, xTicks.map(x), yTicks.map(y))];
  const curves: string[] = [];
  const guide = fig.showMedianLines ? medianLines(fig.groups, x, y) : undefined;
  if (guide) curves.push(guide);
  fig.groups.forEach((g, k) => {
    const style = seriesStyle(k);
    const band = fig.showConfidenceBands === false ? undefined : bandPath(g, x, y);
    if (band) curves.push(el('path', { class: 'km-band', 'data-group': k, d: band, fill: style.colour, 'fill-opacity': 0.13, stroke: 'none' }));
  });
  fig.groups.forEach((g, k) => {
    const style = seriesStyle(k);
    curves.push(el('path', { class: 'km-curve', 'data-group': k, d: curvePath(g, x, y), fill: 'none', stroke: style.colour, 'stroke-width': 2, 'stroke-dasharray': style.dash }));
    if (fig.showCensorMarks !== false) {
      const marks = censorMarks(g, x, y);
      if (marks) curves.push(el('path', { class: 'km-censor', 'data-group': k, d: marks, fill: 'none', stroke: style.colour, 'stroke-width': 1.5 }));
    }
  });
  body.push(el('g', { 'clip-path': `url(#${id}-clip)` }, curves));
  body.push(axisBottom(x, area, { label: fig.xLabel ?? 'Time', ticks: xTicks }));
  body.push(axisLeft(y, area, { label: fig.yLabel ?? 'Survival probability', ticks: yTicks }));
  const items = fig.groups.map((g, k) => ({ label: g.label, colour: seriesStyle(k).colour, dash: seriesStyle(k).dash }));
  body.push(legend(items, area, fig.legendPosition ?? 'top-right'));
  if (fig.logRankP !== undefined) {
    // On a white backing so that a median guide or a band passing under it does not strike it through.
    const label = `Log-rank p ${formatP(fig.logRankP)}`;
    body.push(el('rect', { x: area.x + 6, y: bottom(area) - 26, width: textWidth(label, FONT_SIZE) + 8, height: 20, fill: '#ffffff', 'fill-opacity': 0.85 }));
    body.push(text(label, { class: 'km-p', x: area.x + 10, y: bottom(area) - 11, 'font-size': FONT_SIZE }));
  }
  if (showTable) body.push(riskTable(fig, x, xTicks, area, bottom(area) + tableTop));
  return svgDocument(fig, id, { width, height }, describe(fig), body, [clipRect(`${id}-clip`, area)]);
}
