// Times the four selectors of src/survival/selectors on the benchmark cohort (87 patients x 1037
// features, ../shared/data/bench), after z-scoring and univariate Cox screening (p < 0.05; R keeps 72),
// as the study runs them. Prints CPU seconds of this process (robust to other load on the machine)
// and wall seconds, best of `--repeat` runs, next to R's times from the bench README.
// Run: npx tsx bench/survival-selectors.ts [--repeat 3]
import { parseArgs } from 'node:util';
import { screenedBenchCohort } from './support/screened-cohort.js';
import { coxBoostSelector } from '../src/survival/selectors/coxboost-cv.js';
import { gbmSelector } from '../src/survival/selectors/gbm.js';
import { Worker } from 'node:worker_threads';
import { combineRsfTrees, fitRandomSurvivalForest, rsfSelector, rsfTreeSeeds, type RsfTreeResult } from '../src/survival/selectors/rsf.js';
import { superPcSelector } from '../src/survival/selectors/superpc.js';
import type { SelectorResult } from '../src/survival/selectors/types.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' } } });
const repeat = Number(values.repeat);

const { x, y, screened } = screenedBenchCohort();
console.log(`cohort_87x1037: n = ${y.time.length}, events = ${y.status.reduce((a, b) => a + b, 0)}, screened features = ${screened.length} (R: 72)`);

interface Case {
  name: string;
  r?: number;
  run: () => SelectorResult;
}

const cases: Case[] = [
  { name: 'gbm coxph, 1000 trees (selector defaults)', r: 0.19, run: () => gbmSelector(x, y, { seed: 1, nTrees: 1000 }) },
  {
    name: 'RSF ranger-like: 500 trees, bootstrap, nodes of >= 4 cases split (ranger min.node.size 3), all splits, mtry 8, permutation VIMP',
    r: 0.31,
    run: () => rsfSelector(x, y, { seed: 1, nTree: 500, sampling: 'bootstrap', nodeSize: 2, nSplit: 0, mtry: 8 }),
  },
  { name: 'RSF rfsrc defaults, 500 trees, permutation VIMP', run: () => rsfSelector(x, y, { seed: 1, nTree: 500 }) },
  { name: 'RSF selector defaults (1000 trees)', run: () => rsfSelector(x, y, { seed: 1 }) },
  { name: 'CoxBoost, cv 10 folds x 100 steps + final fit', run: () => coxBoostSelector(x, y, { seed: 1 }) },
  { name: 'SuperPC, top 50 scores + PC1 Cox', run: () => superPcSelector(x, y, { seed: 1 }) },
];

for (const c of cases) {
  let bestCpu = Infinity;
  let bestWall = Infinity;
  let result: SelectorResult | undefined;
  for (let k = 0; k < repeat; k++) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    result = c.run();
    const cpu = process.cpuUsage(cpu0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
    bestWall = Math.min(bestWall, (performance.now() - wall0) / 1000);
  }
  const vsR = c.r ? `  R ${c.r.toFixed(2)} s  ratio ${(bestCpu / c.r).toFixed(2)}` : '';
  console.log(`${c.name}: cpu ${bestCpu.toFixed(3)} s  wall ${bestWall.toFixed(3)} s${vsR}  (selected ${result!.selected.length})`);
}

// The forest grown in two chunks on two worker threads (as a caller would use both cores) must be
// the same forest as grown in one thread.
const options = { nTree: 1000 };
const seeds = rsfTreeSeeds(1, options.nTree);
const half = seeds.length / 2;
const wall0 = performance.now();
const chunks = await Promise.all(
  [seeds.slice(0, half), seeds.slice(half)].map(
    (chunk) =>
      new Promise<RsfTreeResult[]>((resolve, reject) => {
        // the worker registers tsx itself, then loads the TypeScript worker module
        const entry = new URL('./survival-rsf-worker.ts', import.meta.url).href;
        const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
        const worker = new Worker(source, { eval: true, workerData: { x, y, options, seeds: chunk } });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  ),
);
const parallel = combineRsfTrees(x, y, options, chunks.flat());
const wall = (performance.now() - wall0) / 1000;
const single = fitRandomSurvivalForest(x, y, { seed: 1, ...options });
const same = parallel.vimp.every((v, j) => v === single.vimp[j]) && parallel.oobError === single.oobError;
console.log(`RSF 1000 trees on 2 worker threads: wall ${wall.toFixed(3)} s (incl. worker start-up); identical to one thread: ${same}`);
