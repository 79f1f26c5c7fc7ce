// Times the study recipe on ../shared/data/bench/cohort_87x1037.csv (87 patients × 1037
// features): z-score, univariate screening, each selector, stepwise AIC, one full pass, and the
// whole recipe with 3-fold × 20-repeat cross-validation on one thread and on worker processes.
// R (bench README, one thread): one full pass 6.8 s, the cross-validated run 142.5 s.
// Run: npx tsx bench/survival-study.ts [--repeats N] [--workers N] [--skip-cv] [path/to/cohort.csv]
// CPU time (user + system of the whole process, all threads) is printed beside wall time: on a
// shared machine wall time includes waiting for a core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsvFile, selectColumns, survivalTable } from '../src/survival/data.js';
import { selectByGlmnet } from '../src/survival/glmnet-select.js';
import { coxBoostSelector, gbmSelector, rsfSelector, superPcSelector } from '../src/survival/selectors/index.js';
import { stepAic } from '../src/survival/stepaic.js';
import { prepareStudy, runFullPass, runStudy, runStudyParallel, STUDY_DEFAULTS, studyResultToJson, type StudyInput } from '../src/survival/study/index.js';
import { univariateCox } from '../src/survival/univariate.js';
import { applyZScore, fitZScore } from '../src/survival/zscore.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeats: { type: 'string' }, workers: { type: 'string' }, 'skip-cv': { type: 'boolean' } },
});
const shared = process.env.RADTRACE_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const path = positionals[0] ?? join(shared, 'data', 'bench', 'cohort_87x1037.csv');
const repeats = Number(values.repeats ?? 20);
const workers = Number(values.workers ?? 2);

interface Timing {
  wall: number;
  cpu: number;
}

function measure<T>(fn: () => T): { result: T; timing: Timing } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { result, timing: { wall, cpu: (c.user + c.system) / 1e6 } };
}

/** CPU seconds of this process's finished children (Linux /proc; 0 elsewhere): the workers are processes. */
function childrenCpu(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, clock ticks of 10 ms
  } catch {
    return 0;
  }
}

function print(label: string, t: Timing, r?: string): void {
  console.log(`${label.padEnd(52)} wall ${t.wall.toFixed(3).padStart(8)} s  cpu ${t.cpu.toFixed(3).padStart(8)} s${r ? `   R: ${r}` : ''}`);
}

/** Best of `n` runs after a warm-up (JIT), by CPU time. */
function best<T>(label: string, n: number, fn: () => T, r?: string): T {
  let result = fn();
  let top: Timing | null = null;
  for (let k = 0; k < n; k++) {
    const m = measure(fn);
    result = m.result;
    if (!top || m.timing.cpu < top.cpu) top = m.timing;
  }
  print(label, top!, r);
  return result;
}

const table = survivalTable(readCsvFile(path), { time: 'time', event: 'status', id: 'id' }, path);
const input: StudyInput = { ids: table.ids, outcome: table.outcome, features: table.features };
const y = table.outcome;
console.log(`cohort ${path}: ${y.time.length} patients, ${y.status.reduce((a, s) => a + s, 0)} events, ${table.features.names.length} features`);
console.log(`machine load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);

const z = best('z-score (fit + apply)', 5, () => applyZScore(fitZScore(table.features), table.features), '0.007 s');
const rows = best('univariate Cox (Efron), all features', 5, () => univariateCox(y, z, { separation: 'flag' }), '0.91 s');
const significant = rows.filter((r) => r.p < 0.05).map((r) => r.feature);
console.log(`  ${significant.length} features with p < 0.05 (R: 72)`);
const x = selectColumns(z, significant);
const sel = STUDY_DEFAULTS.selectors;
best('cv.glmnet elastic net (alpha 0.5), 10 folds', 2, () => selectByGlmnet(x, y, { alpha: 0.5, nfolds: 10, seed: 1 }), '2.24 s');
best('cv.glmnet Lasso (alpha 1), 10 folds', 2, () => selectByGlmnet(x, y, { alpha: 1, nfolds: 10, seed: 1 }), '2.96 s');
best('CoxBoost, cv steps (10 folds × 100) + fit', 2, () => coxBoostSelector(x, y, { seed: 1, ...sel.coxboost }));
best('GBM coxph, 1000 trees', 2, () => gbmSelector(x, y, { seed: 1, ...sel.gbm }), '0.19 s (gbm)');
best('RSF, 1000 trees + permutation VIMP', 2, () => rsfSelector(x, y, { seed: 1, nTree: sel.rsf.nTree }), '0.31 s (ranger, 500 trees)');
best('SuperPC, top 50', 2, () => superPcSelector(x, y, { seed: 1, ...sel.superpc }));
best('stepAIC both directions, top 15 univariate', 2, () => {
  const top = [...rows].sort((a, b) => a.p - b.p).slice(0, 15).map((r) => r.feature);
  return stepAic(y, selectColumns(z, top), top);
}, '0.21 s');

const prepared = prepareStudy(input, { seed: 1 });
const full = best('one full pass (build + evaluate)', 1, () => runFullPass(prepared), '6.8 s');
const p = full.pipeline;
console.log(`  screened ${p.univariate.significant.length}; selector sets ${JSON.stringify(p.overlap.sizes)}; intersection ${p.overlap.intersection.length}; candidates ${p.candidates.features.length} (${p.candidates.rule}); final ${p.model?.terms.length ?? 0}`);

if (!values['skip-cv']) {
  const config = { seed: 1, cv: { repeats, folds: 3 } };
  const one = measure(() => runStudy(input, config));
  print(`full recipe, 3-fold × ${repeats} CV, one thread`, one.timing, repeats === 20 ? '142.5 s (one core)' : undefined);
  const c0 = process.cpuUsage();
  const children0 = childrenCpu();
  const t0 = performance.now();
  const par = await runStudyParallel(input, config, { workers });
  const c = process.cpuUsage(c0);
  await new Promise((r) => setTimeout(r, 200)); // let the exited workers be reaped, so their CPU is counted
  const cpu = (c.user + c.system) / 1e6 + (childrenCpu() - children0);
  print(`full recipe, 3-fold × ${repeats} CV, ${workers} worker processes`, { wall: (performance.now() - t0 - 200) / 1000, cpu });
  console.log(`  identical result JSON on one thread and on ${workers} workers: ${studyResultToJson(one.result) === studyResultToJson(par)}`);
  const s = one.result.cv.summary;
  console.log(`  CV median AUC train ${s.map((h) => h.trainMedian?.toFixed(3) ?? 'NA').join(' / ')}; validation ${s.map((h) => h.validationMedian?.toFixed(3) ?? 'NA').join(' / ')}`);
}
