// Layout pieces every figure shares: the SVG document with its accessible title and description,
// the plot area inside margins, axes with ticks and labels, grid lines, legends and markers.
import { decimalsForStep, fmt, textWidth, tickLabel } from './format.js';
import { el, PathBuilder, text, textElement } from './svg.js';
import type { Scale } from './scale.js';
import { FONT_FAMILY, FONT_SIZE, GREY, INK, LIGHT_GREY, SMALL_FONT_SIZE, TITLE_FONT_SIZE } from './style.js';
import type { MarkerShape } from './style.js';
import type { FigureOptions } from './types.js';
import { PlotInputError } from './errors.js';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const right = (a: Area): number => a.x + a.width;
export const bottom = (a: Area): number => a.y + a.height;

/** Height taken by the visible title line. */
export const TITLE_BAND = 28;

/** Check the options every figure takes and return the element id prefix. */
export function figureId(options: FigureOptions, fallback: string): string {
  if (typeof options.title !== 'string' || options.title.trim() === '') throw new PlotInputError(`${fallback}: a non-empty title is required (it is the figure's accessible name)`);
  const id = options.id ?? fallback;
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new PlotInputError(`${fallback}: id "${id}" must start with a letter and hold only letters, digits, "-" and "_"`);
  return id;
}

/** Top margin: room for the visible title when it is shown. */
export function titleSpace(options: FigureOptions): number {
  return options.showTitle === false ? 12 : TITLE_BAND + 18;
}

/** The whole document: role="img" with <title> and <desc> as its accessible name and description. */
export function svgDocument(options: FigureOptions, id: string, size: { width: number; height: number }, description: string, body: string[], defs: string[] = []): string {
  const { width, height } = size;
  const head = [
    textElement('title', options.title, { id: `${id}-title` }),
    textElement('desc', options.description ?? description, { id: `${id}-desc` }),
  ];
  if (defs.length > 0) head.push(el('defs', {}, defs));
  head.push(el('rect', { width, height, fill: '#ffffff' }));
  if (options.showTitle !== false) head.push(text(options.title, { x: 16, y: 22, 'font-size': TITLE_FONT_SIZE, 'font-weight': 'bold', fill: INK }));
  return (
    el(
      'svg',
      {
        xmlns: 'http://www.w3.org/2000/svg',
        width,
        height,
        viewBox: `0 0 ${fmt(width)} ${fmt(height)}`,
        role: 'img',
        'aria-labelledby': `${id}-title ${id}-desc`,
        'font-family': FONT_FAMILY,
        'font-size': FONT_SIZE,
        fill: INK,
      },
      [...head, ...body],
    ) + '\n'
  );
}

export interface AxisOptions {
  label: string;
  ticks: number[];
  /** Tick label text; default fixed decimals from the tick spacing. */
  format?: (value: number) => string;
}

function defaultFormat(ticks: number[]): (v: number) => string {
  // Enough decimals for every tick, the same for all so the labels line up (0.0, 0.2 … 1.0).
  const decimals = Math.max(0, ...ticks.map((t) => decimalsForStep(Math.abs(t))));
  return (v) => tickLabel(v, decimals);
}

/** Bottom axis: line, outward ticks, tick labels and a centred label. */
export function axisBottom(scale: Scale, area: Area, options: AxisOptions): string {
  const y = bottom(area);
  const format = options.format ?? defaultFormat(options.ticks);
  const marks = new PathBuilder().moveTo(area.x, y).horizontalTo(right(area));
  const labels: string[] = [];
  for (const t of options.ticks) {
    const x = scale(t);
    marks.moveTo(x, y).verticalTo(y + 5);
    labels.push(text(format(t), { x, y: y + 18, 'text-anchor': 'middle' }));
  }
  return el('g', { class: 'axis axis-x' }, [
    el('path', { d: marks.toString(), stroke: INK, fill: 'none', 'stroke-width': 1 }),
    ...labels,
    text(options.label, { x: area.x + area.width / 2, y: y + 38, 'text-anchor': 'middle', class: 'axis-label' }),
  ]);
}

/** Left axis: line, outward ticks, tick labels and a rotated label. */
export function axisLeft(scale: Scale, area: Area, options: AxisOptions): string {
  const x = area.x;
  const format = options.format ?? defaultFormat(options.ticks);
  const marks = new PathBuilder().moveTo(x, area.y).verticalTo(bottom(area));
  const labels: string[] = [];
  let widest = 0;
  for (const t of options.ticks) {
    const y = scale(t);
    marks.moveTo(x - 5, y).horizontalTo(x);
    const s = format(t);
    widest = Math.max(widest, textWidth(s, FONT_SIZE));
    labels.push(text(s, { x: x - 8, y: y + 4, 'text-anchor': 'end' }));
  }
  const lx = x - 8 - widest - 12;
  const ly = area.y + area.height / 2;
  return el('g', { class: 'axis axis-y' }, [
    el('path', { d: marks.toString(), stroke: INK, fill: 'none', 'stroke-width': 1 }),
    ...labels,
    text(options.label, { x: lx, y: ly, 'text-anchor': 'middle', transform: `rotate(-90 ${fmt(lx)} ${fmt(ly)})`, class: 'axis-label' }),
  ]);
}

/** Light grid lines at the given ticks (drawn under the data). */
export function grid(area: Area, xs: number[], ys: number[]): string {
  const p = new PathBuilder();
  for (const x of xs) p.moveTo(x, area.y).verticalTo(bottom(area));
  for (const y of ys) p.moveTo(area.x, y).horizontalTo(right(area));
  return p.empty ? '' : el('path', { class: 'grid', d: p.toString(), stroke: LIGHT_GREY, fill: 'none', 'stroke-width': 1 });
}

/** A marker shape centred on (x, y) with half-size r. */
export function marker(shape: MarkerShape, x: number, y: number, r: number, attrs: Record<string, string | number>): string {
  switch (shape) {
    case 'circle':
      return el('circle', { cx: x, cy: y, r, ...attrs });
    case 'square':
      return el('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, ...attrs });
    case 'diamond': {
      const d = new PathBuilder().moveTo(x, y - r * 1.3).lineTo(x + r * 1.3, y).lineTo(x, y + r * 1.3).lineTo(x - r * 1.3, y).close();
      return el('path', { d: d.toString(), ...attrs });
    }
    case 'triangle':
    case 'triangle-down': {
      const s = shape === 'triangle' ? 1 : -1;
      const d = new PathBuilder().moveTo(x, y - s * r * 1.3).lineTo(x + r * 1.2, y + s * r * 0.9).lineTo(x - r * 1.2, y + s * r * 0.9).close();
      return el('path', { d: d.toString(), ...attrs });
    }
    case 'cross': {
      const d = new PathBuilder().moveTo(x - r, y - r).lineTo(x + r, y + r).moveTo(x - r, y + r).lineTo(x + r, y - r);
      return el('path', { d: d.toString(), ...attrs, fill: 'none', stroke: String(attrs.fill ?? attrs.stroke ?? INK), 'stroke-width': 2 });
    }
  }
}

export interface LegendItem {
  label: string;
  colour: string;
  dash?: string;
  /** Draw a line sample (default true). */
  line?: boolean;
  marker?: MarkerShape;
  /** A filled swatch instead of a line (bands, bars); value is the fill. */
  swatch?: string;
}

export type Corner = NonNullable<FigureOptions['legendPosition']>;

const LEGEND_ROW = 18;
const SAMPLE = 30;

/** Size of the legend box for these items. */
export function legendSize(items: LegendItem[]): { width: number; height: number } {
  const widest = Math.max(...items.map((i) => textWidth(i.label, SMALL_FONT_SIZE)));
  return { width: 8 + SAMPLE + 8 + widest + 10, height: items.length * LEGEND_ROW + 8 };
}

/** A boxed legend placed inside `area` at `corner`, 8 px from the edges. */
export function legend(items: LegendItem[], area: Area, corner: Corner): string {
  const { width, height } = legendSize(items);
  const x0 = corner.endsWith('left') ? area.x + 8 : right(area) - 8 - width;
  const y0 = corner.startsWith('top') ? area.y + 8 : bottom(area) - 8 - height;
  const rows: string[] = [el('rect', { x: x0, y: y0, width, height, fill: '#ffffff', 'fill-opacity': 0.9, stroke: GREY, 'stroke-width': 0.5 })];
  items.forEach((item, i) => {
    const cy = y0 + 4 + LEGEND_ROW * i + LEGEND_ROW / 2;
    const sx = x0 + 8;
    if (item.swatch) rows.push(el('rect', { x: sx, y: cy - 6, width: SAMPLE, height: 12, fill: item.swatch, stroke: item.colour, 'stroke-width': 1 }));
    if (item.line !== false && !item.swatch) rows.push(el('path', { d: new PathBuilder().moveTo(sx, cy).horizontalTo(sx + SAMPLE).toString(), stroke: item.colour, 'stroke-width': 2, 'stroke-dasharray': item.dash, fill: 'none' }));
    if (item.marker) rows.push(marker(item.marker, sx + SAMPLE / 2, cy, 3.5, { fill: item.colour }));
    rows.push(text(item.label, { x: sx + SAMPLE + 8, y: cy + 4, 'font-size': SMALL_FONT_SIZE }));
  });
  return el('g', { class: 'legend' }, rows);
}

/** Clip path for the plot area (padded so strokes on the frame stay whole); lines beyond are cut. */
export function clipRect(id: string, area: Area, pad = 5): string {
  return el('clipPath', { id }, [el('rect', { x: area.x - pad, y: area.y - pad, width: area.width + 2 * pad, height: area.height + 2 * pad })]);
}

/** Throw unless every value is finite. */
export function requireFinite(figure: string, field: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new PlotInputError(`${figure}: ${field}[${i}] is ${values[i]}, a finite number is required`);
  }
}

/**
 * Size of the plot area along one axis: the natural size, or what a requested canvas size leaves
 * after the fixed parts (margins, tables, columns). Too small to draw in is an input error.
 */
export function plotSpan(figure: string, dimension: 'width' | 'height', requested: number | undefined, fixed: number, natural: number): number {
  if (requested === undefined) return natural;
  const span = requested - fixed;
  if (!(span >= 80)) throw new PlotInputError(`${figure}: ${dimension} ${requested} leaves ${Math.round(span)} px for the plot; at least ${Math.ceil(fixed + 80)} is needed`);
  return span;
}

/** A requested canvas size for content of fixed size: at least the content. */
export function canvasSpan(figure: string, dimension: 'width' | 'height', requested: number | undefined, content: number): number {
  if (requested === undefined) return content;
  if (!(requested >= content)) throw new PlotInputError(`${figure}: ${dimension} ${requested} is smaller than the ${Math.ceil(content)} px the content needs`);
  return requested;
}
