// Fig. 4: time-dependent ROC curves at several horizons, AUC in the legend, chance diagonal.
import { PlotInputError } from './errors.js';
import { fmt } from './format.js';
import { axisBottom, axisLeft, bottom, figureId, grid, legend, plotSpan, right, svgDocument, titleSpace } from './layout.js';
import type { Area } from './layout.js';
import { linearScale, ticksWithStep } from './scale.js';
import { el, PathBuilder } from './svg.js';
import { GREY, seriesStyle } from './style.js';
import type { RocCurve, TimeRocFigure } from './types.js';

const FIGURE = 'time-ROC figure';

/** Legend text of a curve: "1 year: AUC = 0.831" (NaN AUC prints as "NA"). */
export function rocLabel(c: RocCurve): string {
  const name = c.label ?? `t = ${fmt(c.t)}`;
  return `${name}: AUC = ${Number.isFinite(c.auc) ? c.auc.toFixed(3) : 'NA'}`;
}

function validate(c: RocCurve, k: number): void {
  if (c.curve.length < 2) throw new PlotInputError(`${FIGURE}: curve ${k} has ${c.curve.length} points, at least 2 are needed`);
  for (let i = 0; i < c.curve.length; i++) {
    const { fp, tp } = c.curve[i]!;
    if (!(fp >= 0 && fp <= 1 && tp >= 0 && tp <= 1)) throw new PlotInputError(`${FIGURE}: curve ${k} point ${i} (fp ${fp}, tp ${tp}) is outside [0, 1]`);
  }
}

/** Time-dependent ROC curves as an SVG document string. */
export function timeRocSvg(fig: TimeRocFigure): string {
  const id = figureId(fig, 'roc');
  if (!Array.isArray(fig.curves) || fig.curves.length === 0) throw new PlotInputError(`${FIGURE}: at least one curve is required`);
  fig.curves.forEach(validate);
  const top = titleSpace(fig);
  const area: Area = { x: 80, y: top, width: plotSpan(FIGURE, 'width', fig.width, 110, 400), height: plotSpan(FIGURE, 'height', fig.height, top + 56, 400) };
  const width = area.width + 110;
  const height = top + area.height + 56;
  const x = linearScale([0, 1], [area.x, right(area)]);
  const y = linearScale([0, 1], [bottom(area), area.y]);
  const ticks = ticksWithStep(0, 1, 0.2);
  const body = [grid(area, ticks.map(x), ticks.map(y))];
  body.push(el('path', { class: 'roc-diagonal', d: new PathBuilder().moveTo(x(0), y(0)).lineTo(x(1), y(1)).toString(), stroke: GREY, 'stroke-dasharray': '4 4', 'stroke-width': 1, fill: 'none' }));
  fig.curves.forEach((c, k) => {
    const style = seriesStyle(k);
    const p = new PathBuilder();
    for (let i = 0; i < c.curve.length; i++) {
      const { fp, tp } = c.curve[i]!;
      if (i === 0) p.moveTo(x(fp), y(tp));
      else p.lineTo(x(fp), y(tp));
    }
    body.push(el('path', { class: 'roc-curve', 'data-curve': k, d: p.toString(), fill: 'none', stroke: style.colour, 'stroke-width': 2, 'stroke-dasharray': style.dash }));
  });
  body.push(axisBottom(x, area, { label: fig.xLabel ?? '1 − specificity (false-positive rate)', ticks }));
  body.push(axisLeft(y, area, { label: fig.yLabel ?? 'Sensitivity (true-positive rate)', ticks }));
  const items = fig.curves.map((c, k) => ({ label: rocLabel(c), colour: seriesStyle(k).colour, dash: seriesStyle(k).dash }));
  body.push(legend(items, area, fig.legendPosition ?? 'bottom-right'));
  const description = `Time-dependent ROC curves at ${fig.curves.length} horizon${fig.curves.length === 1 ? '' : 's'}: ${fig.curves.map(rocLabel).join('; ')}. The dashed diagonal is a test without discrimination (AUC 0.5).`;
  return svgDocument(fig, id, { width, height }, description, body);
}
