// Every label of every figure goes through XML escaping: a hostile label must come back as the
// same text after parsing, and never as markup.
import { describe, expect, it } from 'vitest';
import { calibrationSvg, decisionCurveSvg, forestSvg, kaplanMeierSvg, timeRocSvg, upsetSvg } from '../../../src/plots/index.js';
import { findAll } from './xml.js';
import { parseFigure, texts } from './helpers.js';

const EVIL = `</text><script>alert("x")</script>& 'q'`;

const figures: [string, (label: string) => string][] = [
  ['Kaplan–Meier', (l) => kaplanMeierSvg({ title: l, xLabel: l, yLabel: l, groups: [{ label: l, n: 2, time: [1, 2], surv: [0.5, 0], nRisk: [2, 1], nEvent: [1, 1], nCensor: [0, 0] }] })],
  ['time-ROC', (l) => timeRocSvg({ title: l, xLabel: l, yLabel: l, curves: [{ t: 12, auc: 0.7, label: l, curve: [{ fp: 0, tp: 0 }, { fp: 0.2, tp: 0.6 }, { fp: 1, tp: 1 }] }] })],
  ['calibration', (l) => calibrationSvg({ title: l, xLabel: l, yLabel: l, series: [{ t: 12, label: l, groups: [{ meanPredicted: 0.5, observed: 0.45, observedLower: 0.3, observedUpper: 0.6 }] }] })],
  ['decision curve', (l) => decisionCurveSvg({ title: l, xLabel: l, yLabel: l, models: [{ label: l, points: [{ threshold: 0, model: 0.3 }, { threshold: 0.5, model: 0.1 }] }], treatAll: [{ threshold: 0, treatAll: 0.3 }, { threshold: 0.5, treatAll: -0.4 }] })],
  ['UpSet', (l) => upsetSvg({ title: l, xLabel: l, sets: [{ name: l, members: ['a', 'b'] }, { name: 'other', members: ['b'] }] })],
  ['forest', (l) => forestSvg({ title: l, xLabel: l, rows: [{ label: l, hr: 0.8, lower: 0.6, upper: 1.1, p: 0.2 }] })],
];

describe.each(figures)('%s figure escaping', (_name, render) => {
  it('keeps a hostile label as text', () => {
    const svg = render(EVIL);
    const root = parseFigure(svg, EVIL);
    expect(findAll(root, (e) => e.name === 'script')).toHaveLength(0);
    const all = texts(root);
    // Title heading, axis label(s) and the series label all carry the exact text.
    expect(all.filter((t) => t === EVIL).length).toBeGreaterThanOrEqual(3);
  });

  it('prefixes every id with the figure id and never repeats one', () => {
    const root = parseFigure(render('t'), 't');
    const prefix = root.attrs['aria-labelledby']!.split(' ')[0]!.replace(/-title$/, '');
    const ids = findAll(root, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id!);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id.startsWith(`${prefix}-`)).toBe(true));
  });
});

describe('id prefix', () => {
  it('renames the clip path and its references', () => {
    const svg = kaplanMeierSvg({ id: 'fig6', title: 't', groups: [{ label: 'g', n: 1, time: [1], surv: [0], nRisk: [1], nEvent: [1], nCensor: [0] }] });
    expect(svg).toContain('<clipPath id="fig6-clip">');
    expect(svg).toContain('clip-path="url(#fig6-clip)"');
    expect(svg).toContain('aria-labelledby="fig6-title fig6-desc"');
    expect(svg).not.toContain('km-clip');
  });
});

describe('legend position', () => {
  it('moves the legend box to the corner asked for', () => {
    const fig = { title: 't', curves: [{ t: 12, auc: 0.7, curve: [{ fp: 0, tp: 0 }, { fp: 1, tp: 1 }] }] };
    const boxX = (svg: string) => Number(/<g class="legend"><rect x="([\d.]+)"/.exec(svg)![1]);
    const boxY = (svg: string) => Number(/<g class="legend"><rect x="[\d.]+" y="([\d.]+)"/.exec(svg)![1]);
    const byDefault = timeRocSvg(fig);
    const topLeft = timeRocSvg({ ...fig, legendPosition: 'top-left' });
    expect(boxX(topLeft)).toBeLessThan(boxX(byDefault));
    expect(boxY(topLeft)).toBeLessThan(boxY(byDefault));
  });
});

describe('requested size', () => {
  type Size = { width?: number; height?: number };
  const renderers: [string, (size: Size) => string][] = [
    ['Kaplan–Meier', (size) => kaplanMeierSvg({ title: 't', ...size, groups: [{ label: 'g', n: 1, time: [1], surv: [0], nRisk: [1], nEvent: [1], nCensor: [0] }] })],
    ['time-ROC', (size) => timeRocSvg({ title: 't', ...size, curves: [{ t: 12, auc: 0.7, curve: [{ fp: 0, tp: 0 }, { fp: 1, tp: 1 }] }] })],
    ['calibration', (size) => calibrationSvg({ title: 't', ...size, series: [{ t: 12, groups: [{ meanPredicted: 0.5, observed: 0.45, observedLower: 0.3, observedUpper: 0.6 }] }] })],
    ['decision curve', (size) => decisionCurveSvg({ title: 't', ...size, models: [{ label: 'm', points: [{ threshold: 0, model: 0.3 }] }], treatAll: [{ threshold: 0, treatAll: 0.3 }] })],
    ['UpSet', (size) => upsetSvg({ title: 't', ...size, sets: [{ name: 'a', members: ['x'] }] })],
    ['forest', (size) => forestSvg({ title: 't', ...size, rows: [{ label: 'r', hr: 1, lower: 0.5, upper: 2 }] })],
  ];

  it.each(renderers)('%s: the canvas gets exactly the size asked for', (_name, render) => {
    const root = parseFigure(render({ width: 900, height: 700 }), 't');
    expect([root.attrs.width, root.attrs.height, root.attrs.viewBox]).toEqual(['900', '700', '0 0 900 700']);
  });

  it.each(renderers)('%s: a canvas too small is refused with the minimum named', (_name, render) => {
    expect(() => render({ width: 100 })).toThrow(/width 100 (leaves|is smaller).* \d+ /);
    expect(() => render({ height: 90 })).toThrow(/height 90 (leaves|is smaller)/);
  });
});
