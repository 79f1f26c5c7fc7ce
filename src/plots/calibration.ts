// Fig. 5: calibration at several horizons: mean predicted survival of each risk group against its
// observed (Kaplan–Meier) survival with 95% CI error bars, and the identity line. Series at
// different horizons are dodged a few pixels sideways so their error bars do not hide each other.
import { PlotInputError } from './errors.js';
import { fmt } from './format.js';
import { axisBottom, axisLeft, bottom, clipRect, figureId, grid, legend, marker, plotSpan, right, svgDocument, titleSpace } from './layout.js';
import type { Area, LegendItem } from './layout.js';
import { linearScale, niceStep, ticksWithStep } from './scale.js';
import { el, PathBuilder } from './svg.js';
import { GREY, seriesStyle } from './style.js';
import type { CalibrationFigure, CalibrationSeries } from './types.js';

const FIGURE = 'calibration figure';
const DODGE = 5;

function validate(s: CalibrationSeries, k: number): void {
  if (s.groups.length === 0) throw new PlotInputError(`${FIGURE}: series ${k} has no groups`);
  s.groups.forEach((g, i) => {
    for (const key of ['meanPredicted', 'observed'] as const) {
      if (!Number.isFinite(g[key])) throw new PlotInputError(`${FIGURE}: series ${k} group ${i} ${key} is ${g[key]}, a finite number is required`);
    }
  });
}

export function calibrationLabel(s: CalibrationSeries): string {
  return s.label ?? `t = ${fmt(s.t)}`;
}

/** Calibration plot as an SVG document string. */
export function calibrationSvg(fig: CalibrationFigure): string {
  const id = figureId(fig, 'calibration');
  if (!Array.isArray(fig.series) || fig.series.length === 0) throw new PlotInputError(`${FIGURE}: at least one series is required`);
  fig.series.forEach(validate);
  const domain = fig.domain ?? [0, 1];
  if (!(domain[1] > domain[0])) throw new PlotInputError(`${FIGURE}: domain [${domain[0]}, ${domain[1]}] must be increasing`);
  const top = titleSpace(fig);
  const area: Area = { x: 80, y: top, width: plotSpan(FIGURE, 'width', fig.width, 110, 400), height: plotSpan(FIGURE, 'height', fig.height, top + 56, 400) };
  const width = area.width + 110;
  const height = top + area.height + 56;
  const x = linearScale(domain, [area.x, right(area)]);
  const y = linearScale(domain, [bottom(area), area.y]);
  const ticks = ticksWithStep(domain[0], domain[1], niceStep(domain[1] - domain[0], 5));
  const body = [grid(area, ticks.map(x), ticks.map(y))];
  const data: string[] = [el('path', { class: 'identity', d: new PathBuilder().moveTo(x(domain[0]), y(domain[0])).lineTo(x(domain[1]), y(domain[1])).toString(), stroke: GREY, 'stroke-dasharray': '4 4', fill: 'none' })];
  const k0 = (fig.series.length - 1) / 2;
  fig.series.forEach((s, k) => {
    const style = seriesStyle(k);
    const dx = (k - k0) * DODGE;
    const groups = [...s.groups].sort((a, b) => a.meanPredicted - b.meanPredicted);
    const line = new PathBuilder();
    const bars = new PathBuilder();
    const marks: string[] = [];
    groups.forEach((g, i) => {
      const px = x(g.meanPredicted) + dx;
      const py = y(g.observed);
      if (i === 0) line.moveTo(px, py);
      else line.lineTo(px, py);
      if (Number.isFinite(g.observedLower) && Number.isFinite(g.observedUpper)) {
        const lo = y(g.observedLower);
        const hi = y(g.observedUpper);
        bars.moveTo(px, lo).verticalTo(hi).moveTo(px - 3, lo).horizontalTo(px + 3).moveTo(px - 3, hi).horizontalTo(px + 3);
      }
      marks.push(marker(style.marker, px, py, 4, { fill: style.colour, class: 'calibration-point', 'data-series': k }));
    });
    data.push(el('g', { class: 'calibration-series', 'data-series': k }, [
      el('path', { d: line.toString(), fill: 'none', stroke: style.colour, 'stroke-width': 1.5, 'stroke-dasharray': style.dash }),
      bars.empty ? '' : el('path', { class: 'calibration-ci', d: bars.toString(), fill: 'none', stroke: style.colour, 'stroke-width': 1.2 }),
      ...marks,
    ]));
  });
  body.push(el('g', { 'clip-path': `url(#${id}-clip)` }, data));
  body.push(axisBottom(x, area, { label: fig.xLabel ?? 'Predicted survival probability', ticks }));
  body.push(axisLeft(y, area, { label: fig.yLabel ?? 'Observed survival probability (Kaplan–Meier)', ticks }));
  const items: LegendItem[] = fig.series.map((s, k) => ({ label: calibrationLabel(s), colour: seriesStyle(k).colour, dash: seriesStyle(k).dash, marker: seriesStyle(k).marker }));
  items.push({ label: 'Ideal calibration', colour: GREY, dash: '4 4' });
  body.push(legend(items, area, fig.legendPosition ?? 'bottom-right'));
  const description = `Calibration at ${fig.series.length} horizon${fig.series.length === 1 ? '' : 's'} (${fig.series.map(calibrationLabel).join(', ')}): each point is a risk group, mean predicted against Kaplan–Meier observed survival with its 95% CI; points on the dashed identity line are perfectly calibrated.`;
  return svgDocument(fig, id, { width, height }, description, body, [clipRect(`${id}-clip`, area)]);
}
