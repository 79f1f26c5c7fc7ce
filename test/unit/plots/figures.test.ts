// Geometry of the time-ROC, calibration, decision-curve, UpSet and forest figures against the data
// they were given; well-formedness, escaping and determinism of each.
import { describe, expect, it } from 'vitest';
import { calibrationSvg, decisionCurveSvg, exclusiveIntersections, forestRowsFromCox, forestSvg, hrText, PlotInputError, timeRocSvg, upsetSvg } from '../../../src/plots/index.js';
import type { CalibrationFigure, DecisionCurveFigure, ForestFigure, TimeRocFigure } from '../../../src/plots/index.js';
import { byClass, findAll, pathCommands } from './xml.js';
import { parseFigure, plotArea, PX, texts } from './helpers.js';
import { selectorSets, studyFigures } from './fixtures.js';

const study = studyFigures();
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(PX);

describe('time-ROC figure', () => {
  const fig: TimeRocFigure = study.roc;
  const svg = timeRocSvg(fig);
  const root = parseFigure(svg, fig.title);
  const area = plotArea(root);

  it('puts each AUC in the legend and the curves on the unit square', () => {
    expect(fig.curves).toHaveLength(4);
    expect(texts(byClass(root, 'legend')[0]!)).toEqual(fig.curves.map((c, i) => `${i + 1} year${i ? 's' : ''}: AUC = ${c.auc.toFixed(3)}`));
    const curves = byClass(root, 'roc-curve');
    curves.forEach((c, k) => {
      const cmds = pathCommands(c.attrs.d!);
      const pts = fig.curves[k]!.curve;
      expect(cmds).toHaveLength(pts.length);
      cmds.forEach((cmd, i) => {
        near(cmd[1]!, area.left + pts[i]!.fp * (area.right - area.left));
        near(cmd[2]!, area.bottom - pts[i]!.tp * (area.bottom - area.top));
      });
    });
    const diag = pathCommands(byClass(root, 'roc-diagonal')[0]!.attrs.d!);
    expect(diag).toEqual([['M', area.left, area.bottom], ['L', area.right, area.top]]);
  });

  it('labels a NaN AUC "NA", escapes labels and is deterministic', () => {
    const odd = timeRocSvg({ title: 'x', curves: [{ t: 60, auc: NaN, label: '5 y <all events>', curve: [{ fp: 0, tp: 0 }, { fp: 1, tp: 1 }] }] });
    expect(texts(byClass(parseFigure(odd, 'x'), 'legend')[0]!)).toEqual(['5 y <all events>: AUC = NA']);
    expect(timeRocSvg(structuredClone(fig))).toBe(svg);
    expect(() => timeRocSvg({ title: 'x', curves: [{ t: 1, auc: 0.5, curve: [{ fp: 0, tp: 0 }, { fp: 1.5, tp: 1 }] }] })).toThrow(/outside \[0, 1\]/);
  });
});

describe('calibration figure', () => {
  const fig: CalibrationFigure = study.calibration;
  const svg = calibrationSvg(fig);
  const root = parseFigure(svg, fig.title);
  const area = plotArea(root);
  const x = (v: number) => area.left + v * (area.right - area.left);
  const y = (v: number) => area.bottom - v * (area.bottom - area.top);

  it('places each group at (mean predicted, observed), dodged 5 px per series, with its CI bar', () => {
    expect(fig.series.map((s) => s.groups.length)).toEqual([3, 3, 3]);
    const series = byClass(root, 'calibration-series');
    series.forEach((g, k) => {
      const dx = (k - 1) * 5;
      const sorted = [...fig.series[k]!.groups].sort((a, b) => a.meanPredicted - b.meanPredicted);
      const line = pathCommands(g.children[0]!.attrs.d!);
      const ci = pathCommands(byClass(g, 'calibration-ci')[0]!.attrs.d!);
      let bar = 0;
      sorted.forEach((p, i) => {
        near(line[i]![1]!, x(p.meanPredicted) + dx);
        near(line[i]![2]!, y(p.observed));
        // A group with S = 0 has no CI (NaN) and no bar; otherwise M(px, lower) V(upper), two caps.
        if (!Number.isFinite(p.observedLower)) return;
        near(ci[bar * 6]![1]!, x(p.meanPredicted) + dx);
        near(ci[bar * 6]![2]!, y(p.observedLower));
        near(ci[bar * 6 + 1]![1]!, y(p.observedUpper));
        bar++;
      });
      expect(ci).toHaveLength(bar * 6);
    });
    const identity = pathCommands(byClass(root, 'identity')[0]!.attrs.d!);
    expect(identity).toEqual([['M', area.left, area.bottom], ['L', area.right, area.top]]);
    expect(texts(byClass(root, 'legend')[0]!)).toEqual(['1 year', '2 years', '3 years', 'Ideal calibration']);
    // Series differ by marker shape, not colour alone.
    expect(series.map((g) => byClass(g, 'calibration-point')[0]!.name)).toEqual(['circle', 'rect', 'path']);
  });

  it('is deterministic and rejects groups without numbers', () => {
    expect(calibrationSvg(structuredClone(fig))).toBe(svg);
    expect(() => calibrationSvg({ title: 'x', series: [{ t: 12, groups: [{ meanPredicted: NaN, observed: 0.5, observedLower: 0.4, observedUpper: 0.6 }] }] })).toThrow(/meanPredicted is NaN/);
  });
});

describe('decision-curve figure', () => {
  // Hand data: net benefit of treat all at prevalence 0.4 is 0.4 − 0.6·p/(1 − p).
  const thresholds = [0, 0.1, 0.2, 0.3, 0.4];
  const points = thresholds.map((t, i) => ({ threshold: t, model: i === 3 ? NaN : 0.4 - 0.3 * t, treatAll: 0.4 - (0.6 * t) / (1 - t), treatNone: 0 }));
  const fig: DecisionCurveFigure = { title: 'DCA & <net benefit>', models: [{ label: 'Radscore', points }], treatAll: points };
  const svg = decisionCurveSvg(fig);
  const root = parseFigure(svg, fig.title);
  const area = plotArea(root);

  it('maps net benefit linearly, lifts the pen over NaN and draws treat none at zero', () => {
    // x axis 0–0.4; y axis: largest NB 0.4, 25% below zero → nice step 0.1 → [−0.1, 0.4].
    expect(texts(byClass(root, 'axis-y')[0]!).slice(0, 6)).toEqual(['\u22120.1', '0.0', '0.1', '0.2', '0.3', '0.4']);
    const x = (t: number) => area.left + (t / 0.4) * (area.right - area.left);
    const y = (v: number) => area.bottom - ((v + 0.1) / 0.5) * (area.bottom - area.top);
    const model = pathCommands(byClass(root, 'dca-model')[0]!.attrs.d!);
    expect(model.map((c) => c[0])).toEqual(['M', 'L', 'L', 'M']);
    near(model[3]![1]!, x(0.4));
    near(model[3]![2]!, y(0.4 - 0.12));
    const none = pathCommands(byClass(root, 'dca-treat-none')[0]!.attrs.d!);
    near(none[0]![2]!, y(0));
    const all = pathCommands(byClass(root, 'dca-treat-all')[0]!.attrs.d!);
    near(all[4]![2]!, y(0.4 - 0.4)); // at p = 0.4 treat all is exactly 0
    expect(texts(byClass(root, 'legend')[0]!)).toEqual(['Radscore', 'Treat all', 'Treat none']);
    expect(svg).toContain('DCA &amp; &lt;net benefit&gt;');
  });

  it('takes the engine’s DecisionCurvePoint[] as is, deterministically', () => {
    const svgStudy = decisionCurveSvg(study.decision);
    parseFigure(svgStudy, study.decision.title);
    expect(decisionCurveSvg(structuredClone(study.decision))).toBe(svgStudy);
    expect(() => decisionCurveSvg({ ...fig, treatAll: [...points].reverse() })).toThrow(/strictly ascending/);
  });
});

describe('UpSet figure', () => {
  it('counts exclusive intersections (worked by hand)', () => {
    const got = exclusiveIntersections([
      { name: 'A', members: ['a', 'b', 'c', 'a'] },
      { name: 'B', members: ['b', 'c', 'd'] },
      { name: 'C', members: ['c'] },
    ]);
    // c in A∩B∩C; b only in A∩B; a only in A; d only in B. Ties: more sets first, then set order.
    expect(got).toEqual([
      { sets: [0, 1, 2], elements: ['c'] },
      { sets: [0, 1], elements: ['b'] },
      { sets: [0], elements: ['a'] },
      { sets: [1], elements: ['d'] },
    ]);
    expect(() => exclusiveIntersections([{ name: 'A', members: [] }, { name: 'A', members: [] }])).toThrow(/used twice/);
  });

  const fig = selectorSets();
  const svg = upsetSvg(fig);
  const root = parseFigure(svg, fig.title);

  it('draws bar heights proportional to intersection sizes and highlights the all-six intersection', () => {
    const bars = byClass(root, 'upset-bar');
    const expected = exclusiveIntersections(fig.sets);
    expect(bars.map((b) => Number(b.attrs['data-size']))).toEqual(expected.map((g) => g.elements.length));
    const perElement = Number(bars[0]!.attrs.height) / expected[0]!.elements.length;
    // Heights are printed to 0.01 px: agreement to 0.006 px per bar.
    bars.forEach((b, i) => near(Number(b.attrs.height), perElement * expected[i]!.elements.length));
    // Bars stand on one baseline.
    const base = Number(bars[0]!.attrs.y) + Number(bars[0]!.attrs.height);
    bars.forEach((b) => near(Number(b.attrs.y) + Number(b.attrs.height), base));
    // The intersection of all six sets (5 common features) is hatched, not only coloured.
    const everyone = fig.sets.reduce((acc, s) => acc.filter((m) => s.members.includes(m)), fig.sets[0]!.members);
    expect(everyone).toHaveLength(5);
    const all = bars.find((b) => b.attrs['data-sets'] === fig.sets.map((s) => s.name).join(' & '))!;
    expect(Number(all.attrs['data-size'])).toBe(5);
    expect(all.attrs.fill).toBe('url(#upset-hatch)');
    expect(findAll(root, (e) => e.name === 'pattern')[0]!.attrs.id).toBe('upset-hatch');
  });

  it('shows one filled dot per member set and the set sizes', () => {
    const on = byClass(root, 'upset-dot-on');
    const expected = exclusiveIntersections(fig.sets);
    expect(on).toHaveLength(expected.reduce((s, g) => s + g.sets.length, 0));
    expect(byClass(root, 'upset-dot-off')).toHaveLength(expected.length * 6 - on.length);
    expect(byClass(root, 'upset-set-bar').map((b) => Number(b.attrs['data-size']))).toEqual(fig.sets.map((s) => new Set(s.members).size));
    expect(findAll(root, (e) => e.name === 'desc')[0]!.text).toContain('5 elements are in all 6 sets');
    expect(upsetSvg(structuredClone(fig))).toBe(svg);
  });
});

describe('forest figure', () => {
  // The paper's Table 2 (HR and 95% CI of the four final features).
  const fig: ForestFigure = {
    title: 'Table 2',
    rows: [
      { label: 'log-sigma-1-0-mm-3D_glcm_ClusterProminence', hr: 0.7944, lower: 0.6086, upper: 1.037 },
      { label: 'wavelet-LLH_glszm_GrayLevelNonUniformityNormalized', hr: 0.59, lower: 0.3999, upper: 0.8706 },
      { label: 'wavelet-LHL_glszm_GrayLevelVariance', hr: 1.5712, lower: 1.07, upper: 2.3074, p: 0.021 },
      { label: 'wavelet-LHH_firstorder_Kurtosis & <k>', hr: 0.7251, lower: 0.5244, upper: 1.0027 },
    ],
  };
  const svg = forestSvg(fig);
  const root = parseFigure(svg, fig.title);
  // No y axis here: the x axis path starts "M left bottom H right".
  const [[, left], [, right]] = pathCommands(byClass(root, 'axis-x')[0]!.children[0]!.attrs.d!) as [string, number][];
  const area = { left: left!, right: right! };
  // Log axis 0.3–3 (see the logTicks test).
  const x = (v: number) => area.left + (Math.log(v / 0.3) / Math.log(10)) * (area.right - area.left);

  it('puts HR and CI on the log axis and prints them', () => {
    expect(texts(byClass(root, 'axis-x')[0]!)).toEqual(['0.3', '0.5', '1', '2', '3', 'Hazard ratio (log scale)']);
    byClass(root, 'forest-row').forEach((row, i) => {
      const r = fig.rows[i]!;
      const square = byClass(row, 'forest-hr')[0]!;
      near(Number(square.attrs.x) + 5, x(r.hr));
      const ci = pathCommands(byClass(row, 'forest-ci')[0]!.attrs.d!);
      near(ci[0]![1]!, x(r.lower));
      near(ci[1]![1]!, x(r.upper));
      expect(texts(row)).toEqual([r.label, hrText(r), ...(r.p === undefined ? [] : ['0.021'])]);
    });
    near(pathCommands(byClass(root, 'forest-reference')[0]!.attrs.d!)[0]![1]!, x(1));
    expect(hrText(fig.rows[1]!)).toBe('0.59 (0.40–0.87)');
    expect(forestSvg(structuredClone(fig))).toBe(svg);
  });

  it('takes a CoxFit table as is and rejects impossible rows', () => {
    const rows = forestRowsFromCox(study.fit);
    expect(rows.map((r) => r.label)).toEqual(study.fit.terms);
    rows.forEach((r, i) => expect([r.hr, r.lower, r.upper, r.p]).toEqual([study.fit.hr[i], study.fit.hrLower[i], study.fit.hrUpper[i], study.fit.pWald[i]]));
    parseFigure(forestSvg(study.forest), study.forest.title);
    expect(() => forestSvg({ title: 'x', rows: [{ label: 'a', hr: 0.5, lower: 0.6, upper: 1 }] })).toThrow(/lower ≤ hr ≤ upper/);
    expect(() => forestSvg({ title: 'x', rows: [{ label: 'a', hr: 1, lower: 0, upper: 2 }] })).toThrow(PlotInputError);
  });
});
