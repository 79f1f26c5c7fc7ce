// Forest plot of a Cox model: hazard ratio with its 95% CI per term on a log axis, a reference
// line at HR = 1, and the numbers (HR, CI, p) printed in columns beside the plot.
import { PlotInputError } from './errors.js';
import { formatP, textWidth } from './format.js';
import { axisBottom, bottom, canvasSpan, figureId, grid, marker, plotSpan, svgDocument, titleSpace } from './layout.js';
import type { Area } from './layout.js';
import { logScale, logTicks } from './scale.js';
import { el, PathBuilder, text } from './svg.js';
import { FONT_SIZE, GREY, seriesStyle } from './style.js';
import type { CoxTable, ForestFigure, ForestRow } from './types.js';

const FIGURE = 'forest figure';
const ROW = 28;

/** Rows from a Cox fit's table (terms, hr, hrLower, hrUpper, pWald), optionally relabelled. */
export function forestRowsFromCox(table: CoxTable, labels: Record<string, string> = {}): ForestRow[] {
  return table.terms.map((term, i) => ({
    label: labels[term] ?? term,
    hr: table.hr[i]!,
    lower: table.hrLower[i]!,
    upper: table.hrUpper[i]!,
    ...(table.pWald ? { p: table.pWald[i]! } : {}),
  }));
}

/** "0.59 (0.40–0.87)": two decimals as the paper's table. */
export function hrText(row: ForestRow): string {
  return `${row.hr.toFixed(2)} (${row.lower.toFixed(2)}–${row.upper.toFixed(2)})`;
}

function validate(row: ForestRow, i: number): void {
  for (const key of ['hr', 'lower', 'upper'] as const) {
    if (!(row[key] > 0 && Number.isFinite(row[key]))) throw new PlotInputError(`${FIGURE}: row ${i} ("${row.label}") ${key} is ${row[key]}, a positive finite number is required`);
  }
  if (!(row.lower <= row.hr && row.hr <= row.upper)) throw new PlotInputError(`${FIGURE}: row ${i} ("${row.label}") needs lower ≤ hr ≤ upper, got ${row.lower}, ${row.hr}, ${row.upper}`);
}

const logTickFormat = (v: number) => String(Number(v.toPrecision(6)));

/** Forest plot as an SVG document string. */
export function forestSvg(fig: ForestFigure): string {
  const id = figureId(fig, 'forest');
  if (!Array.isArray(fig.rows) || fig.rows.length === 0) throw new PlotInputError(`${FIGURE}: at least one row is required`);
  fig.rows.forEach(validate);
  const hasP = fig.rows.some((r) => r.p !== undefined);
  const labelWidth = Math.max(textWidth('Variable', FONT_SIZE), ...fig.rows.map((r) => textWidth(r.label, FONT_SIZE)));
  const hrWidth = Math.max(textWidth('HR (95% CI)', FONT_SIZE), ...fig.rows.map((r) => textWidth(hrText(r), FONT_SIZE)));
  const top = titleSpace(fig) + 24;
  const left = 16 + labelWidth + 24;
  const columns = 20 + hrWidth + 20 + (hasP ? 70 : 0) + 8;
  const area: Area = { x: left, y: top, width: plotSpan(FIGURE, 'width', fig.width, left + columns, 280), height: fig.rows.length * ROW };
  const hrX = area.x + area.width + 20;
  const pX = hrX + hrWidth + 20;
  const width = left + area.width + columns;
  const height = canvasSpan(FIGURE, 'height', fig.height, top + area.height + 56);
  const { domain, ticks } = logTicks(Math.min(1, ...fig.rows.map((r) => r.lower)), Math.max(1, ...fig.rows.map((r) => r.upper)));
  const x = logScale(domain, [area.x, area.x + area.width]);
  const rowY = (i: number) => area.y + i * ROW + ROW / 2;

  const body: string[] = [grid(area, ticks.map(x), [])];
  body.push(el('path', { class: 'forest-reference', d: new PathBuilder().moveTo(x(1), area.y).verticalTo(bottom(area)).toString(), stroke: GREY, 'stroke-dasharray': '4 4', fill: 'none' }));
  const headY = area.y - 10;
  body.push(text('Variable', { x: 16, y: headY, 'font-weight': 'bold' }));
  body.push(text('HR (95% CI)', { x: hrX, y: headY, 'font-weight': 'bold' }));
  if (hasP) body.push(text('p', { x: pX, y: headY, 'font-weight': 'bold', 'font-style': 'italic' }));
  const colour = seriesStyle(0).colour;
  fig.rows.forEach((r, i) => {
    const cy = rowY(i);
    body.push(el('g', { class: 'forest-row', 'data-row': i }, [
      el('path', { class: 'forest-ci', d: new PathBuilder().moveTo(x(r.lower), cy).horizontalTo(x(r.upper)).toString(), stroke: colour, 'stroke-width': 2, fill: 'none' }),
      marker('square', x(r.hr), cy, 5, { fill: colour, class: 'forest-hr' }),
      text(r.label, { x: 16, y: cy + 4 }),
      text(hrText(r), { x: hrX, y: cy + 4 }),
      r.p === undefined ? '' : text(formatP(r.p).replace(/^= /, ''), { x: pX, y: cy + 4 }),
    ]));
  });
  body.push(axisBottom(x, area, { label: fig.xLabel ?? 'Hazard ratio (log scale)', ticks, format: logTickFormat }));
  const description = `Forest plot of ${fig.rows.length} hazard ratios with 95% confidence intervals on a log axis: ${fig.rows.map((r) => `${r.label} ${hrText(r)}${r.p === undefined ? '' : `, p ${formatP(r.p)}`}`).join('; ')}.`;
  return svgDocument(fig, id, { width, height }, description, body);
}
