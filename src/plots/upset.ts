// Fig. 3: overlap of several sets (the six selectors' feature sets) as an UpSet plot: a bar per
// exclusive intersection (elements in exactly those sets), a dot matrix naming the sets of each
// bar, and set sizes beside the set names. A six-set Venn diagram cannot be read; this can.
import { PlotInputError } from './errors.js';
import { textWidth } from './format.js';
import { axisLeft, canvasSpan, figureId, plotSpan, svgDocument, titleSpace } from './layout.js';
import type { Area } from './layout.js';
import { linearScale, niceDomain, niceStep, ticksWithStep } from './scale.js';
import { el, PathBuilder, text } from './svg.js';
import { FONT_SIZE, GREY, INK, SMALL_FONT_SIZE, seriesStyle } from './style.js';
import type { NamedSet, UpSetFigure } from './types.js';

const FIGURE = 'UpSet figure';
const COL = 26;
const ROW = 24;
const SET_BAR_WIDTH = 90;

export interface Intersection {
  /** Indices of the sets the elements belong to (ascending). */
  sets: number[];
  /** Elements in exactly these sets, sorted. */
  elements: string[];
}

/** Exclusive intersections, largest first (ties: more sets first, then by set indices). */
export function exclusiveIntersections(sets: NamedSet[]): Intersection[] {
  if (sets.length === 0) throw new PlotInputError(`${FIGURE}: at least one set is required`);
  if (sets.length > 30) throw new PlotInputError(`${FIGURE}: ${sets.length} sets; at most 30 are supported`);
  const names = new Set<string>();
  for (const s of sets) {
    if (names.has(s.name)) throw new PlotInputError(`${FIGURE}: set name "${s.name}" is used twice`);
    names.add(s.name);
  }
  const membership = new Map<string, number[]>();
  sets.forEach((s, k) => {
    for (const m of new Set(s.members)) {
      const list = membership.get(m) ?? [];
      list.push(k);
      membership.set(m, list);
    }
  });
  const groups = new Map<string, Intersection>();
  for (const [element, list] of membership) {
    const key = list.join(',');
    const entry = groups.get(key) ?? { sets: list, elements: [] };
    entry.elements.push(element);
    groups.set(key, entry);
  }
  const byIndices = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  };
  const out = [...groups.values()];
  for (const g of out) g.elements.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out.sort((a, b) => b.elements.length - a.elements.length || b.sets.length - a.sets.length || byIndices(a.sets, b.sets));
}

function hatch(id: string, colour: string): string {
  return el('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
    el('rect', { width: 6, height: 6, fill: colour }),
    el('path', { d: 'M0 0V6', stroke: '#ffffff', 'stroke-width': 2 }),
  ]);
}

/** UpSet plot as an SVG document string. */
export function upsetSvg(fig: UpSetFigure): string {
  const id = figureId(fig, 'upset');
  const all = exclusiveIntersections(fig.sets);
  const max = fig.maxIntersections ?? 40;
  if (!(Number.isInteger(max) && max > 0)) throw new PlotInputError(`${FIGURE}: maxIntersections ${max} must be a positive integer`);
  const shown = all.slice(0, max);
  if (shown.length === 0) throw new PlotInputError(`${FIGURE}: every set is empty`);
  const k = fig.sets.length;
  const highlight = fig.highlightAll !== false;
  const accent = seriesStyle(1).colour;
  const isAll = (g: Intersection) => highlight && g.sets.length === k && k > 1;

  const nameWidth = Math.max(...fig.sets.map((s) => textWidth(s.name, FONT_SIZE)));
  const top = titleSpace(fig) + 16;
  const matrixX = 16 + SET_BAR_WIDTH + 12 + nameWidth + 14;
  const width = canvasSpan(FIGURE, 'width', fig.width, matrixX + shown.length * COL + 24);
  const below = 12 + k * ROW + (fig.xLabel ? 40 : 16);
  const barsHeight = plotSpan(FIGURE, 'height', fig.height, top + below, 200);
  const matrixY = top + barsHeight + 12;
  const height = top + barsHeight + below;
  const bars: Area = { x: matrixX, y: top, width: shown.length * COL, height: barsHeight };
  const largest = shown[0]!.elements.length;
  const step = Math.max(1, niceStep(largest, 4));
  const yDomain = niceDomain(0, largest, step);
  const y = linearScale(yDomain, [top + barsHeight, top]);
  const colX = (c: number) => matrixX + c * COL + COL / 2;
  const rowY = (r: number) => matrixY + r * ROW + ROW / 2;

  const body: string[] = [];
  // Intersection bars with their counts.
  const barEls = shown.map((g, c) => {
    const h = y(0) - y(g.elements.length);
    const fill = isAll(g) ? `url(#${id}-hatch)` : INK;
    return el('g', {}, [
      el('rect', { class: 'upset-bar', 'data-size': g.elements.length, 'data-sets': g.sets.map((s) => fig.sets[s]!.name).join(' & '), x: colX(c) - COL * 0.35, y: y(g.elements.length), width: COL * 0.7, height: h, fill, stroke: isAll(g) ? accent : 'none' }),
      text(String(g.elements.length), { x: colX(c), y: y(g.elements.length) - 4, 'text-anchor': 'middle', 'font-size': SMALL_FONT_SIZE }),
    ]);
  });
  body.push(el('g', { class: 'upset-bars' }, barEls));
  body.push(axisLeft(y, bars, { label: 'Intersection size', ticks: ticksWithStep(yDomain[0], yDomain[1], step), format: (v) => String(v) }));

  // Matrix: shaded alternate rows, set names, set-size bars, dots and connectors.
  const matrix: string[] = [];
  const setMax = Math.max(...fig.sets.map((s) => new Set(s.members).size), 1);
  fig.sets.forEach((s, r) => {
    if (r % 2 === 0) matrix.push(el('rect', { x: 16, y: matrixY + r * ROW, width: matrixX - 16 + shown.length * COL, height: ROW, fill: '#f2f2f2' }));
    const size = new Set(s.members).size;
    const barLen = (size / setMax) * (SET_BAR_WIDTH - 26);
    const barRight = 16 + SET_BAR_WIDTH;
    matrix.push(el('rect', { class: 'upset-set-bar', 'data-size': size, x: barRight - barLen, y: rowY(r) - 6, width: barLen, height: 12, fill: GREY }));
    matrix.push(text(String(size), { x: barRight - barLen - 4, y: rowY(r) + 4, 'text-anchor': 'end', 'font-size': SMALL_FONT_SIZE }));
    matrix.push(text(s.name, { x: barRight + 12, y: rowY(r) + 4 }));
  });
  shown.forEach((g, c) => {
    const colour = isAll(g) ? accent : INK;
    if (g.sets.length > 1) {
      const line = new PathBuilder().moveTo(colX(c), rowY(g.sets[0]!)).verticalTo(rowY(g.sets[g.sets.length - 1]!));
      matrix.push(el('path', { d: line.toString(), stroke: colour, 'stroke-width': 3 }));
    }
    for (let r = 0; r < k; r++) {
      const on = g.sets.includes(r);
      matrix.push(el('circle', { class: on ? 'upset-dot-on' : 'upset-dot-off', cx: colX(c), cy: rowY(r), r: 6, fill: on ? colour : '#cfcfcf' }));
    }
  });
  body.push(el('g', { class: 'upset-matrix' }, matrix));
  body.push(text('Set size', { x: 16 + SET_BAR_WIDTH - 4, y: matrixY - 6, 'text-anchor': 'end', 'font-size': SMALL_FONT_SIZE }));
  if (fig.xLabel) body.push(text(fig.xLabel, { x: matrixX + bars.width / 2, y: matrixY + k * ROW + 26, 'text-anchor': 'middle' }));

  const common = all.find((g) => g.sets.length === k);
  const commonText = k > 1 ? ` ${common ? common.elements.length : 0} element${common?.elements.length === 1 ? ' is' : 's are'} in all ${k} sets${common ? `: ${common.elements.join(', ')}` : ''}.` : '';
  const hidden = all.length > shown.length ? ` ${all.length - shown.length} smaller intersections are not shown.` : '';
  const description = `UpSet plot of ${k} sets (${fig.sets.map((s) => `${s.name} ${new Set(s.members).size}`).join(', ')}): bars give the number of elements in exactly the sets marked by the dots below them; ${all.length} non-empty intersections.${commonText}${hidden}`;
  return svgDocument(fig, id, { width, height }, description, body, highlight ? [hatch(`${id}-hatch`, accent)] : []);
}
