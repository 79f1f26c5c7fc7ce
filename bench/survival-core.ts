// Times the core survival statistics on ../shared/data/bench/cohort_87x1037.csv (87 patients ×
// 1037 features), the same steps whose R times the bench README gives (one thread):
// z-score 0.007 s, 1037 univariate coxph fits 0.91 s, stepAIC on the top 15 features 0.21 s.
// Run: npx tsx bench/survival-core.ts [path/to/cohort.csv]
import { join } from 'node:path';
import { readCsvFile, selectColumns, survivalTable } from '../src/survival/data.js';
import { linearPredictor } from '../src/survival/cox.js';
import { maxstatLogRank } from '../src/survival/maxstat.js';
import { stepAic } from '../src/survival/stepaic.js';
import { timeDependentRoc } from '../src/survival/time-roc.js';
import { univariateCox } from '../src/survival/univariate.js';
import { applyZScore, fitZScore } from '../src/survival/zscore.js';

const shared = process.env.RADTRACE_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const path = process.argv[2] ?? join(shared, 'data', 'bench', 'cohort_87x1037.csv');

/**
 * Median wall time and median CPU time (user + system, which does not count time spent waiting
 * for a core on a shared machine) of `repeats` runs after one warm-up run (JIT), in ms.
 */
function time<T>(label: string, repeats: number, fn: () => T, rTime?: string): T {
  let result = fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  console.log(
    `${label.padEnd(44)} wall ${median(wall).toFixed(2).padStart(8)} ms  cpu ${median(cpu).toFixed(2).padStart(8)} ms  (median of ${repeats}${rTime ? `; R: ${rTime}` : ''})`,
  );
  return result;
}

const t0 = performance.now();
const table = survivalTable(readCsvFile(path), { time: 'time', event: 'status', id: 'id' });
console.log(`read + validate ${table.features.names.length} features × ${table.ids.length} patients: ${(performance.now() - t0).toFixed(1)} ms`);
const { outcome, features } = table;

const z = time('z-score (fit + apply)', 20, () => applyZScore(fitZScore(features), features), '7 ms');
const rows = time('univariate Cox, 1037 features (Efron)', 20, () => univariateCox(outcome, features), '910 ms');
time('univariate Cox, 1037 features (Breslow)', 20, () => univariateCox(outcome, features, { ties: 'breslow' }));
const significant = rows.filter((r) => r.p < 0.05);
const top15 = [...significant].sort((a, b) => a.p - b.p).slice(0, 15).map((r) => r.feature);
console.log(`  ${significant.length} features with p < 0.05 (R: 72)`);
const step = time('stepAIC both directions, top 15 (z-scored)', 10, () => stepAic(outcome, z, top15), '210 ms');
console.log(`  selected ${step.selected.length}: ${step.selected.join(', ')}`);
const radscore = linearPredictor(step.finalFit!, selectColumns(z, step.selected));
time('time-dependent ROC, 5 horizons', 20, () => timeDependentRoc(outcome, radscore, [12, 24, 36, 48, 60]));
time('maxstat (log-rank scores, Lau94 p)', 20, () => maxstatLogRank(outcome, radscore));
