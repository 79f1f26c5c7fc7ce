// The study's figures: the recipe on the simulated cohort (radiomics_sim_A), the adapter to the
// figure engine, and `radtrace study run -o DIR` writing the SVG files. Each figure must parse
// as XML and carry the labels and numbers of the result it was built from.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SELECTOR_LABELS, horizonLabel, studyFigures, type StudyFigures } from '../../../src/cli/study-figures.js';
import { hrText } from '../../../src/plots/index.js';
import { runStudy, type StudyResult } from '../../../src/survival/study/index.js';
import { findAll, parseXml, type XmlElement } from '../plots/xml.js';
import { texts } from '../plots/helpers.js';
import { QUICK, SIM_CSV, simCohort } from './study/fixture.js';

const FILES = ['fig3-selector-overlap.svg', 'fig4-time-roc.svg', 'fig5-calibration.svg', 'fig6-km-risk-groups.svg', 'decision-curves.svg', 'forest-final-model.svg'];

let result: StudyResult;
let out: StudyFigures;
const parsed: Record<string, XmlElement> = {};

beforeAll(() => {
  // No cross-validation: the figures use only the full-cohort pass.
  result = runStudy(simCohort().input, { ...QUICK, cv: { repeats: 0, folds: 3 } });
  out = studyFigures(result);
  for (const f of out.figures) parsed[f.file] = parseXml(f.svg);
});

const textOf = (file: string): string[] => texts(parsed[file]!);
const titleOf = (root: XmlElement): string => root.children.find((c) => c.name === 'title')!.text;

describe('study figures from a StudyResult', () => {
  it('writes the six figures, each a well-formed accessible SVG', () => {
    expect(out.figures.map((f) => f.file)).toEqual(FILES);
    for (const file of FILES) {
      const root = parsed[file]!;
      expect(root.name).toBe('svg');
      expect(root.attrs.role).toBe('img');
      expect(root.children.find((c) => c.name === 'desc')!.text.length).toBeGreaterThan(20);
    }
  });

  it('fig3: one row per selector with its set size', () => {
    const t = textOf('fig3-selector-overlap.svg');
    for (const s of result.full.pipeline.selectors) {
      expect(t).toContain(SELECTOR_LABELS[s.name]);
      expect(t).toContain(String(s.selected.length));
    }
    const desc = parsed['fig3-selector-overlap.svg']!.children.find((c) => c.name === 'desc')!.text;
    expect(desc).toContain(`${result.full.pipeline.overlap.intersection.length} chosen by all six`);
  });

  it('fig4: a curve per defined AUC, labelled with the AUC of the result; undefined AUCs noted', () => {
    const t = textOf('fig4-time-roc.svg');
    const auc = result.full.evaluation!.auc;
    expect(auc.find((a) => a.t === 60)!.auc).toBeNull(); // nobody followed beyond 60 months
    for (const a of auc) {
      if (a.auc === null) {
        expect(t.some((s) => s.startsWith(horizonLabel(a.t)))).toBe(false);
        expect(out.notes.some((n) => n.includes(`no curve at ${horizonLabel(a.t)}`))).toBe(true);
      } else {
        expect(t).toContain(`${horizonLabel(a.t)}: AUC = ${a.auc.toFixed(3)}`);
      }
    }
  });

  it('fig5 and decision curves: one series / panel per calibration horizon (1–3 years)', () => {
    const t = textOf('fig5-calibration.svg');
    for (const h of [12, 24, 36]) expect(t).toContain(horizonLabel(h));
    const panels = findAll(parsed['decision-curves.svg']!, (e) => e.name === 'svg');
    expect(panels.map(titleOf)).toEqual(['Decision curves of the final model', 'Decision curve, 1 year', 'Decision curve, 2 years', 'Decision curve, 3 years']);
  });

  it('fig6: both risk groups with number at risk, medians and the log-rank p', () => {
    const ev = result.full.evaluation!;
    const t = textOf('fig6-km-risk-groups.svg');
    for (const g of ev.riskGroups.groups) {
      const median = g.median === null ? 'median NR' : `median ${g.median.toFixed(1)} mo`;
      expect(t).toContain(`${g.group === 'high' ? 'High' : 'Low'} risk (${median})`);
      expect(t).toContain(String(g.n)); // number at risk at time 0
    }
    const p = ev.riskGroups.logRank.p;
    expect(t.join(' ')).toContain(p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
  });

  it('forest: every final-model term with HR (95% CI) as the result', () => {
    const t = textOf('forest-final-model.svg');
    const model = result.full.pipeline.model!;
    expect(model.terms.length).toBeGreaterThan(0);
    for (const term of model.terms) {
      expect(t).toContain(term.feature);
      expect(t).toContain(hrText({ label: term.feature, hr: term.hr, lower: term.hrLower, upper: term.hrUpper }));
    }
  });

  it('without a final model only the selector overlap is drawn, and the skip is noted', () => {
    const noModel: StudyResult = { ...result, full: { pipeline: { ...result.full.pipeline, model: null, stoppedAt: 'stepwise AIC kept no feature' }, evaluation: null } };
    const { figures, notes } = studyFigures(noModel);
    expect(figures.map((f) => f.file)).toEqual(['fig3-selector-overlap.svg']);
    expect(notes.join('\n')).toMatch(/no final model \(stepwise AIC kept no feature\): fig4-time-roc.*forest-final-model skipped/);
  });

  it('a failed selector is drawn as an empty set and noted; all sets empty skips Fig. 3', () => {
    const selectors = result.full.pipeline.selectors.map((s) => (s.name === 'gbm' ? { ...s, selected: [], error: 'fit failed' } : s));
    const failed = studyFigures({ ...result, full: { ...result.full, pipeline: { ...result.full.pipeline, selectors } } });
    expect(texts(parseXml(failed.figures[0]!.svg))).toContain('GBM');
    expect(failed.notes).toContain('fig3: selector gbm failed (fit failed); drawn as an empty set');
    const none = result.full.pipeline.selectors.map((s) => ({ ...s, selected: [] }));
    const empty = studyFigures({ ...result, full: { ...result.full, pipeline: { ...result.full.pipeline, selectors: none } } });
    expect(empty.figures.map((f) => f.file)).toEqual(FILES.slice(1));
    expect(empty.notes).toContain('fig3-selector-overlap.svg skipped: every selector chose nothing');
  });

  it('figures built from result.json (NaN read back as null) equal the in-memory ones', () => {
    const fromJson = JSON.parse(JSON.stringify(result)) as StudyResult;
    expect(studyFigures(fromJson).figures).toEqual(out.figures);
  });
});

describe('radtrace study run -o DIR', () => {
  it('writes the SVG figures next to result.json', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'radtrace-figures-')), 'out');
    const run = spawnSync(process.execPath, ['bin/radtrace.js', 'study', 'run', SIM_CSV, '--time', 'time', '--event', 'status', '--repeats', '1', '--workers', '0', '-o', dir], { encoding: 'utf8' });
    expect(run.stderr).toContain('no curve at 5 years');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/wrote result.json, the CSV tables and 6 SVG figures/);
    const files = readdirSync(dir);
    for (const file of FILES) {
      expect(files).toContain(file);
      expect(parseXml(readFileSync(join(dir, file), 'utf8')).name).toBe('svg');
    }
    const written = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as StudyResult;
    const forest = texts(parseXml(readFileSync(join(dir, 'forest-final-model.svg'), 'utf8')));
    for (const term of written.full.pipeline.model!.terms) expect(forest).toContain(term.feature);
  }, 120_000);
});
