// Times cv.glmnet-style penalised Cox (10 folds, deviance, default path) on the benchmark cohort
// (87 patients x 1037 features, ../shared/data/bench) after z-scoring and univariate Cox screening
// (Efron Wald p < 0.05; R keeps 72), as the study runs it. Prints CPU seconds of this process
// (robust to other load on the machine) and wall seconds, best of `--repeat` runs, next to R's
// times from the bench README (cv.glmnet, one thread).
// The parallel variant spreads the 11 fits over 2 worker threads (wall time only).
// Run: npx tsx bench/survival-glmnet.ts [--repeat 3] [--skip-parallel]
import { parseArgs } from 'node:util';
import { cvGlmnetCox, randomFoldIds } from '../src/survival/glmnet-cv.js';
import { cvGlmnetCoxParallel } from '../src/survival/glmnet-parallel.js';
import { screenedBenchCohort } from './support/screened-cohort.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' }, 'skip-parallel': { type: 'boolean', default: false } } });
const repeat = Number(values.repeat);

const { x, y, screened } = screenedBenchCohort();
const foldid = randomFoldIds(y.time.length, 10, 1);
console.log(`cohort_87x1037: n = ${y.time.length}, screened features = ${screened.length} (R: 72)`);

for (const [alpha, r] of [
  [1, 2.96],
  [0.5, 2.24],
] as const) {
  let bestCpu = Infinity;
  let bestWall = Infinity;
  let summary = '';
  for (let k = 0; k < repeat; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const cv = cvGlmnetCox(x, y, { alpha, foldid });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0).user / 1e6;
    bestCpu = Math.min(bestCpu, cpu);
    bestWall = Math.min(bestWall, wall);
    summary = `path ${cv.lambda.length} lambdas, passes ${cv.fit.passes}, lambda.min ${cv.lambdaMin.toPrecision(4)} (${cv.nzero[cv.indexMin]} nonzero), fold warnings ${cv.warnings.length}`;
  }
  console.log(`cv.glmnet cox alpha=${alpha}, 10 folds: cpu ${bestCpu.toFixed(2)} s, wall ${bestWall.toFixed(2)} s (R ${r} s) — ${summary}`);
  if (values['skip-parallel']) continue;
  let bestParallel = Infinity;
  for (let k = 0; k < repeat; k++) {
    const t0 = performance.now();
    await cvGlmnetCoxParallel(x, y, { alpha, foldid, threads: 2 });
    bestParallel = Math.min(bestParallel, (performance.now() - t0) / 1000);
  }
  console.log(`  same on 2 worker threads (cvGlmnetCoxParallel): wall ${bestParallel.toFixed(2)} s`);
}
