import { describe, expect, it } from 'vitest';
import { kaplanMeierSvg, numberAtRisk, PlotInputError } from '../../../src/plots/index.js';
import type { KaplanMeierFigure, KmGroup } from '../../../src/plots/index.js';
import { byClass, pathCommands } from './xml.js';
import { parseFigure, plotArea, PX, texts } from './helpers.js';
import { studyFigures } from './fixtures.js';

// Worked by hand: 4 subjects, events at 1, 3, 4, one censored at 2.
const A: KmGroup = { label: 'Group <A> & "B"', n: 4, time: [1, 2, 3, 4], nRisk: [4, 3, 2, 1], nEvent: [1, 0, 1, 1], nCensor: [0, 1, 0, 0], surv: [0.75, 0.75, 0.375, 0] };
// 3 subjects, one event at 2, censored at 5 and 6: S stays 2/3 to the end at 6.
const B: KmGroup = { label: 'Other', n: 3, time: [2, 5, 6], nRisk: [3, 2, 1], nEvent: [1, 0, 0], nCensor: [0, 1, 1], surv: [2 / 3, 2 / 3, 2 / 3] };
const FIG: KaplanMeierFigure = { title: 'KM <test> & check', groups: [A, B], logRankP: 0.0234, xLabel: 'Months' };

describe('Kaplan–Meier figure', () => {
  const svg = kaplanMeierSvg(FIG);
  const root = parseFigure(svg, FIG.title);
  const area = plotArea(root);
  const yOf = (s: number) => area.bottom - s * (area.bottom - area.top);
  // Last time 6, nice step 1, so the axis runs 0–6.
  const xOf = (t: number) => area.left + (t / 6) * (area.right - area.left);

  it('draws the step function: S = 1 at the top, S = 0 at the bottom, ends at the last time', () => {
    const curves = byClass(root, 'km-curve');
    expect(curves).toHaveLength(2);
    const a = pathCommands(curves[0]!.attrs.d!);
    // M(0,1) H(1) V(.75) H(3) V(.375) H(4) V(0) H(4)
    const expected: [string, ...number[]][] = [['M', xOf(0), yOf(1)], ['H', xOf(1)], ['V', yOf(0.75)], ['H', xOf(3)], ['V', yOf(0.375)], ['H', xOf(4)], ['V', yOf(0)], ['H', xOf(4)]];
    expect(a.map((c) => c[0])).toEqual(expected.map((c) => c[0]));
    a.forEach((c, i) => c.slice(1).forEach((v, j) => expect(Math.abs((v as number) - (expected[i]![j + 1] as number))).toBeLessThan(PX)));
    expect(a[0]![2]).toBeCloseTo(area.top, 2);
    expect(a[6]![1]).toBeCloseTo(area.bottom, 2);
    const b = pathCommands(curves[1]!.attrs.d!);
    expect(b.at(-1)![1]).toBeCloseTo(area.right, 2); // group B's last time, 6, is the axis end
    expect(Math.abs(b[2]![1]! - yOf(2 / 3))).toBeLessThan(PX);
  });

  it('marks censored times on the curve', () => {
    const marks = byClass(root, 'km-censor');
    const a = pathCommands(marks[0]!.attrs.d!);
    // One censoring at t = 2 where S = 0.75: a vertical tick ±4 px around the curve.
    expect(a).toHaveLength(2);
    expect(Math.abs(a[0]![1]! - xOf(2))).toBeLessThan(PX);
    expect(Math.abs(a[0]![2]! - (yOf(0.75) - 4))).toBeLessThan(PX);
    expect(pathCommands(marks[1]!.attrs.d!).filter((c) => c[0] === 'M')).toHaveLength(2);
  });

  it('prints the number at risk under each tick', () => {
    const table = byClass(root, 'risk-table')[0]!;
    const t = texts(table);
    expect(t[0]).toBe('Number at risk');
    // Per group: its label then one count per tick 0..6.
    expect(t.slice(1, 9)).toEqual([A.label, '4', '4', '3', '2', '1', '0', '0']);
    expect(t.slice(9)).toEqual(['Other', '3', '3', '3', '2', '2', '2', '1']);
    expect(numberAtRisk(A, 2.5)).toBe(2);
  });

  it('escapes labels, shows the log-rank p, the legend and the axis labels', () => {
    expect(svg).not.toContain('<A>');
    expect(svg).toContain('Group &lt;A&gt; &amp; &quot;B&quot;');
    expect(texts(byClass(root, 'legend')[0]!)).toEqual([A.label, 'Other']);
    expect(byClass(root, 'km-p')[0]!.text).toBe('Log-rank p = 0.023');
    expect(texts(byClass(root, 'axis-x')[0]!)).toEqual(['0', '1', '2', '3', '4', '5', '6', 'Months']);
    expect(texts(byClass(root, 'axis-y')[0]!).slice(0, 6)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    // Groups differ by line style as well as colour.
    const [ca, cb] = byClass(root, 'km-curve');
    expect(ca!.attrs['stroke-dasharray']).toBeUndefined();
    expect(cb!.attrs['stroke-dasharray']).toBeDefined();
    expect(ca!.attrs.stroke).not.toBe(cb!.attrs.stroke);
  });

  it('is deterministic and takes typed arrays as well as plain ones', () => {
    const typed: KaplanMeierFigure = { ...FIG, groups: FIG.groups.map((g) => ({ ...g, time: Float64Array.from(g.time), surv: Float64Array.from(g.surv), nRisk: Float64Array.from(g.nRisk), nEvent: Float64Array.from(g.nEvent), nCensor: Float64Array.from(g.nCensor) })) };
    expect(kaplanMeierSvg(typed)).toBe(svg);
    expect(kaplanMeierSvg(structuredClone(FIG))).toBe(svg);
  });

  it('rejects bad input with a message naming the problem', () => {
    expect(() => kaplanMeierSvg({ ...FIG, groups: [] })).toThrow(/at least one group/);
    expect(() => kaplanMeierSvg({ ...FIG, groups: [{ ...A, surv: [0.75, 0.75, 0.375] }] })).toThrow(/4 times but 3 surv/);
    expect(() => kaplanMeierSvg({ ...FIG, groups: [{ ...A, surv: [1.2, 0.75, 0.375, 0] }] })).toThrow(PlotInputError);
    expect(() => kaplanMeierSvg({ ...FIG, groups: [{ ...A, time: [1, 1, 3, 4] }] })).toThrow(/strictly ascending/);
    expect(() => kaplanMeierSvg({ ...FIG, title: ' ' })).toThrow(/title is required/);
    expect(() => kaplanMeierSvg({ ...FIG, id: 'a b' })).toThrow(/id "a b"/);
  });
});

const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(PX);

describe('Kaplan–Meier figure from the survival engine (radiomics_sim_A, radscore split at maxstat)', () => {
  const { km } = studyFigures();
  const root = parseFigure(kaplanMeierSvg(km), km.title);
  const area = plotArea(root);

  it('12-month ticks to 60, bands present, risk table starts at each group size', () => {
    expect(texts(byClass(root, 'axis-x')[0]!).slice(0, 6)).toEqual(['0', '12', '24', '36', '48', '60']);
    expect(byClass(root, 'km-band')).toHaveLength(2);
    const t = texts(byClass(root, 'risk-table')[0]!);
    expect(t[2]).toBe(String(km.groups[0]!.n));
    expect(t[9]).toBe(String(km.groups[1]!.n));
    expect(km.groups[0]!.n + km.groups[1]!.n).toBe(87);
    // The last x of each curve is its group's last time on the 0–60 axis.
    // Low risk never falls to 0.5 in this cohort; the high-risk median gets the dotted guide.
    const [low, high] = km.groups;
    expect(Number.isNaN(low!.median)).toBe(true);
    const guide = pathCommands(byClass(root, 'km-median')[0]!.attrs.d!);
    const xOf = (t: number) => area.left + (t / 60) * (area.right - area.left);
    const yHalf = (area.top + area.bottom) / 2;
    expect(guide.map((c) => c[0])).toEqual(['M', 'H', 'M', 'V']);
    near(guide[0]![2]!, yHalf);
    near(guide[1]![1]!, xOf(high!.median!));
    near(guide[3]![1]!, area.bottom);
    const desc = root.children.find((c) => c.name === 'desc')!.text;
    expect(desc).toContain('Low risk (n = 51');
    expect(desc).toContain('median not reached');
    expect(desc).toContain(`median ${high!.median!.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')}`);
    byClass(root, 'km-curve').forEach((c, k) => {
      const g = km.groups[k]!;
      const last = g.time[g.time.length - 1]!;
      expect(Math.abs(pathCommands(c.attrs.d!).at(-1)![1]! - (area.left + (last / 60) * (area.right - area.left)))).toBeLessThan(PX);
    });
  });
});
