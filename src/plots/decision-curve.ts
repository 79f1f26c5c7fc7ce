// Decision-curve analysis (named in the paper's abstract): net benefit against threshold
// probability for one or more models, "treat all" and "treat none" (net benefit 0).
import { PlotInputError } from './errors.js';
import { axisBottom, axisLeft, bottom, clipRect, figureId, grid, legend, plotSpan, right, svgDocument, titleSpace } from './layout.js';
import type { Area, LegendItem } from './layout.js';
import { linearScale, niceDomain, niceStep, ticksWithStep } from './scale.js';
import type { Scale } from './scale.js';
import { el, PathBuilder } from './svg.js';
import { GREY, INK, seriesStyle } from './style.js';
import type { DecisionCurveFigure } from './types.js';

const FIGURE = 'decision-curve figure';
const TREAT_ALL_DASH = '5 3';

/** A polyline that lifts the pen over non-finite values (undefined net benefit). */
function gappedPath(points: { x: number; y: number }[], x: Scale, y: Scale): string {
  const p = new PathBuilder();
  let pen = false;
  for (const pt of points) {
    if (!Number.isFinite(pt.y)) {
      pen = false;
      continue;
    }
    if (pen) p.lineTo(x(pt.x), y(pt.y));
    else p.moveTo(x(pt.x), y(pt.y));
    pen = true;
  }
  return p.toString();
}

function checkThresholds(name: string, thresholds: number[]): void {
  thresholds.forEach((t, i) => {
    if (!(t >= 0 && t < 1)) throw new PlotInputError(`${FIGURE}: ${name} threshold[${i}] = ${t} is outside [0, 1)`);
    if (i > 0 && !(t > thresholds[i - 1]!)) throw new PlotInputError(`${FIGURE}: ${name} thresholds must be strictly ascending (index ${i})`);
  });
}

/** Decision curves as an SVG document string. */
export function decisionCurveSvg(fig: DecisionCurveFigure): string {
  const id = figureId(fig, 'dca');
  if (!Array.isArray(fig.models) || fig.models.length === 0) throw new PlotInputError(`${FIGURE}: at least one model curve is required`);
  const models = fig.models.map((m) => ({ label: m.label, points: Array.from(m.points, (p) => ({ x: p.threshold, y: p.model })) }));
  const all = Array.from(fig.treatAll, (p) => ({ x: p.threshold, y: p.treatAll }));
  models.forEach((m) => checkThresholds(`"${m.label}"`, m.points.map((p) => p.x)));
  checkThresholds('treat-all', all.map((p) => p.x));
  const xs = [...models.flatMap((m) => m.points.map((p) => p.x)), ...all.map((p) => p.x)];
  if (xs.length === 0) throw new PlotInputError(`${FIGURE}: no thresholds given`);
  const ys = [...models.flatMap((m) => m.points.map((p) => p.y)), ...all.map((p) => p.y)].filter(Number.isFinite);
  if (ys.length === 0) throw new PlotInputError(`${FIGURE}: every net benefit is undefined (NaN)`);

  const xStep = niceStep(Math.max(...xs) || 0.1, 5);
  const xDomain = niceDomain(0, Math.max(...xs), xStep);
  const yMax = Math.max(0.01, ...ys);
  const yWanted = fig.yDomain ?? [-0.25 * yMax, yMax];
  if (!(yWanted[1] > yWanted[0])) throw new PlotInputError(`${FIGURE}: yDomain [${yWanted[0]}, ${yWanted[1]}] must be increasing`);
  const yStep = niceStep(yWanted[1] - yWanted[0], 5);
  const yDomain = fig.yDomain ?? niceDomain(yWanted[0], yWanted[1], yStep);

  const top = titleSpace(fig);
  const area: Area = { x: 84, y: top, width: plotSpan(FIGURE, 'width', fig.width, 112, 488), height: plotSpan(FIGURE, 'height', fig.height, top + 56, 340) };
  const width = area.width + 112;
  const height = top + area.height + 56;
  const x = linearScale(xDomain, [area.x, right(area)]);
  const y = linearScale(yDomain, [bottom(area), area.y]);
  const xTicks = ticksWithStep(xDomain[0], xDomain[1], xStep);
  const yTicks = ticksWithStep(yDomain[0], yDomain[1], yStep);

  const body = [grid(area, xTicks.map(x), yTicks.map(y))];
  const lines: string[] = [
    el('path', { class: 'dca-treat-none', d: new PathBuilder().moveTo(x(xDomain[0]), y(0)).horizontalTo(x(xDomain[1])).toString(), stroke: INK, 'stroke-width': 1.2, fill: 'none' }),
    el('path', { class: 'dca-treat-all', d: gappedPath(all, x, y), stroke: GREY, 'stroke-width': 1.5, 'stroke-dasharray': TREAT_ALL_DASH, fill: 'none' }),
  ];
  models.forEach((m, k) => {
    const style = seriesStyle(k);
    lines.push(el('path', { class: 'dca-model', 'data-model': k, d: gappedPath(m.points, x, y), stroke: style.colour, 'stroke-width': 2, 'stroke-dasharray': style.dash, fill: 'none' }));
  });
  body.push(el('g', { 'clip-path': `url(#${id}-clip)` }, lines));
  body.push(axisBottom(x, area, { label: fig.xLabel ?? 'Threshold probability', ticks: xTicks }));
  body.push(axisLeft(y, area, { label: fig.yLabel ?? 'Net benefit', ticks: yTicks }));
  const items: LegendItem[] = models.map((m, k) => ({ label: m.label, colour: seriesStyle(k).colour, dash: seriesStyle(k).dash }));
  items.push({ label: 'Treat all', colour: GREY, dash: TREAT_ALL_DASH }, { label: 'Treat none', colour: INK });
  body.push(legend(items, area, fig.legendPosition ?? 'top-right'));
  const description = `Decision curves: net benefit of ${models.map((m) => `"${m.label}"`).join(', ')} against threshold probability from ${xDomain[0]} to ${xDomain[1]}, compared with treating all patients (dashed grey) and none (net benefit 0).`;
  return svgDocument(fig, id, { width, height }, description, body, [clipRect(`${id}-clip`, area)]);
}
