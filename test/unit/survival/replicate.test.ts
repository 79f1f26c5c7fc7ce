// End to end: `radtrace stats replicate SPEC.json -o OUT.json` through the CLI, then the judged
// comparison (../shared/tools/stats_compare.py) and a stricter field-by-field walk over every
// number the engine writes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_DATA, COMPARE_TOOLS, REPO_ROOT, STATS_REFERENCE } from '../../support/paths.js';
import { DATASETS, fixture, type RefJson } from './reference-fixture.js';

const outDir = mkdtempSync(join(tmpdir(), 'radtrace-replicate-'));

const CLI = join(REPO_ROOT, 'bin', 'radtrace.js');

function runReplicate(name: string, specPath = join(STATS_REFERENCE, `${name}.spec.json`)): { path: string; out: RefJson } {
  const path = join(outDir, `${name}.json`);
  execFileSync(process.execPath, [CLI, 'stats', 'replicate', specPath, '-o', path], { stdio: 'pipe' });
  return { path, out: JSON.parse(readFileSync(path, 'utf8')) as RefJson };
}

/** Free-text labels (R's wording) that are not computed quantities. */
const LABELS = new Set(['split']);

/**
 * Walks the output and checks every number against the reference: |Δ| ≤ 1e-12 + 1e-8·|ref|.
 * The rel bound covers p-values from series/continued fractions (~1e-11) and the results of
 * Newton iterations (~1e-13); everything else agrees to rounding. Returns the number of values.
 */
function walk(out: unknown, ref: unknown, path: string, problems: string[]): number {
  if (Array.isArray(out)) {
    if (!Array.isArray(ref) || ref.length !== out.length) {
      problems.push(`${path}: length ${out.length} vs ${Array.isArray(ref) ? ref.length : 'not an array'}`);
      return 0;
    }
    return out.reduce<number>((n, v, i) => n + walk(v, ref[i], `${path}/${i}`, problems), 0);
  }
  if (out !== null && typeof out === 'object') {
    if (ref === null || typeof ref !== 'object') {
      problems.push(`${path}: object vs ${JSON.stringify(ref)}`);
      return 0;
    }
    let n = 0;
    for (const [k, v] of Object.entries(out)) {
      if (LABELS.has(k)) continue;
      if (!(k in ref)) problems.push(`${path}/${k}: not in the reference`);
      else n += walk(v, (ref as Record<string, unknown>)[k], `${path}/${k}`, problems);
    }
    return n;
  }
  if (typeof out === 'number' && typeof ref === 'number') {
    if (Math.abs(out - ref) > 1e-12 + 1e-8 * Math.abs(ref)) problems.push(`${path}: ${out} vs R ${ref}`);
    return 1;
  }
  if (out !== ref) problems.push(`${path}: ${JSON.stringify(out)} vs R ${JSON.stringify(ref)}`);
  return 1;
}

// The CLI run (glmnet's cross-validation included) can take a minute on a loaded machine.
const CLI_TIMEOUT = 600_000;

describe.each(DATASETS)('stats replicate on %s', (name) => {
  const { ref } = fixture(name);
  let path = '';
  let out: RefJson = {};
  beforeAll(() => {
    ({ path, out } = runReplicate(name));
  }, CLI_TIMEOUT);

  it('writes every section of the reference that the engine computes', () => {
    const expected = ['dataset', 'n', 'events', 'features', 'zscore', 'model_scale', 'km', 'univariate_cox', 'univariate_significant_efron_p_lt_0.05', 'multivariable', 'stepAIC', 'radscore', 'td_auc', 'censoring_km', 'calibration', 'logrank', 'maxstat', 'glmnet'];
    if (ref.icc) expected.push('icc');
    for (const key of expected) expect(out, key).toHaveProperty(key);
  });

  it('agrees with R on every number of the core sections (1e-12 abs + 1e-8 rel; glmnet is judged by stats_compare)', () => {
    const problems: string[] = [];
    const { glmnet: _glmnet, ...mine } = out;
    const count = walk(mine, ref, '', problems);
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(1000);
  });

  it('passes the judged comparison, stats_compare.py, with exit 0', () => {
    const res = spawnSync('python3', [join(COMPARE_TOOLS, 'stats_compare.py'), join(STATS_REFERENCE, `${name}.json`), path], { encoding: 'utf8' });
    expect(res.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(res.status).toBe(0);
  });
});

describe('stats replicate on a cohort without a reference (nothing is special-cased)', () => {
  // The bench cohort's first 30 features, in the radiomics spec layout, with other split options.
  const features = Array.from({ length: 30 }, (_, i) => `f${String(i + 1).padStart(4, '0')}`);
  const spec = {
    dataset: 'bench30',
    data: join(BENCH_DATA, 'cohort_87x1037.csv'),
    columns: { id: 'id', time: 'time', event: 'status' },
    features,
    model_scale: 'z',
    multivariable_terms: features.slice(0, 3),
    stepaic_candidates: features.slice(0, 12),
    td_auc: { times: [12, 24, 36, 60], tied_marker: { name: 'f0005_rev', column: 'f0005', sign: -1 } },
    calibration_times: [12, 24],
    logrank_binary_split: { column: 'f0002', op: 'ge', value: 0.3 },
    maxstat: { minprop: 0.2, maxprop: 0.8 },
  };
  let out: RefJson = {};
  beforeAll(() => {
    const specPath = join(outDir, 'bench30.spec.json');
    writeFileSync(specPath, JSON.stringify(spec));
    ({ out } = runReplicate('bench30', specPath));
  }, CLI_TIMEOUT);

  it('fits, selects and scores consistently', () => {
    expect(out.n).toBe(87);
    expect(out.multivariable.efron.terms).toEqual(features.slice(0, 3));
    for (const t of out.stepAIC.selected as string[]) expect(features.slice(0, 12)).toContain(t);
    expect(out.stepAIC.final_aic).toBeLessThanOrEqual(out.stepAIC.full_aic);
    expect(out.stepAIC.path.aic.at(-1)).toBe(out.stepAIC.final_aic);
    const auc = out.td_auc.markers.radscore.result.auc as Array<number | null>;
    expect(auc.at(-1)).toBeNull(); // nobody is followed beyond 60 months: no controls
    for (const a of auc.slice(0, -1)) expect(a).toBeGreaterThan(0.5);
    expect(Object.keys(out.td_auc.markers)).toEqual(['radscore', 'f0005_rev']);
    const m = out.maxstat;
    expect(Math.max(...(m.stats as number[]))).toBe(m.statistic);
    expect(m.cuts).toHaveLength(Math.floor(87 * 0.8) - Math.floor(87 * 0.2) + 1);
    expect(out.logrank.binary_covariate.df).toBe(1);
    expect(out.logrank.binary_covariate.n.reduce((a: number, b: number) => a + b, 0)).toBe(87);
    expect(out.icc).toBeUndefined();
  });
});

describe('stats replicate input errors', () => {
  it('exits 1 with a message naming an unknown column', { timeout: CLI_TIMEOUT }, () => {
    const spec = JSON.parse(readFileSync(join(STATS_REFERENCE, 'veteran.spec.json'), 'utf8')) as RefJson;
    spec.data = join(STATS_REFERENCE, 'veteran.csv');
    spec.features = [...spec.features, 'no_such_column'];
    const specPath = join(outDir, 'bad.spec.json');
    writeFileSync(specPath, JSON.stringify(spec));
    const res = spawnSync(process.execPath, [CLI, 'stats', 'replicate', specPath, '-o', join(outDir, 'bad.json')], { encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/unknown column 'no_such_column'/);
  });
});
