// Extraction benchmark: the study settings (1037 features) on brain1 and brain2 with 1 mm resampling (and
// without), and on a generated CT-sized case (512×512×60 int16, 0.7×0.7×5 mm, lesion of ~4000 voxels) with and
// without resampling, run two ways: from the TypeScript sources through tsx (what `bin/radtrace.js` does when
// there is no build) and from the compiled JavaScript (`npm run build`: what `bin/radtrace.js` runs when dist/
// exists, i.e. production). The bench compiles its own copy into the temp folder, so it never leaves a dist/
// behind that would shadow other people's source changes.
// For each case and mode: the whole `radtrace extract IMAGE MASK --param FILE` process (best of 3: wall, CPU,
// peak RSS, via GNU time), and in a child process the engine's import, the first extraction (cold JIT), the
// median of the next 5 (warm) and of the 5 after those (steady, as in a long-lived batch worker), with CPU
// seconds from process.cpuUsage (on Linux split into the main thread and V8's background threads: optimising
// compiler, concurrent GC). Then batch mode (16 cases) on 1 and 2 workers, both ways.
// Wall times on a shared machine include the neighbours' load (printed with each figure): compare CPU seconds.
// Usage: npx tsx bench/radiomics.ts [filter]   (filter: a substring of the case names, e.g. brain1, CT, batch)
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCtCase } from './radiomics-ct-case.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const data = process.env.RADTRACE_SHARED ? join(process.env.RADTRACE_SHARED, 'data', 'pyradiomics') : join(root, '..', 'shared', 'data', 'pyradiomics');
const study = join(data, 'paper_config', 'study.yaml');
const noResample = join(data, 'paper_config', 'study_noresample.yaml');
const buildDir = join(tmpdir(), 'radtrace-bench-build');
const gnuTime = existsSync('/usr/bin/time');

type Mode = 'tsx' | 'built';

interface ChildReport {
  importCpu: number; coldSeconds: number; coldCpu: number; coldMain: number; warmSeconds: number; warmCpu: number; warmMain: number;
  steadySeconds: number; steadyCpu: number;
  features: number;
}

/**
 * The child: imports the engine, then one cold and 5 warm extractions of a case, JSON report on stdout (plain JS,
 * run both ways). On Linux it also splits the CPU seconds between the main thread (our code, the interpreter,
 * garbage-collection pauses) and V8's other threads (optimising compiler jobs, concurrent GC), from
 * /proc/self/task.
 */
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
const [image, mask, params, moduleUrl] = process.argv.slice(1);
const cpuSeconds = (c) => (c.user + c.system) / 1e6;
const mainThreadCpu = () => {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks of 10 ms
  } catch { return NaN; }
};
const c0 = process.cpuUsage();
const { extractFromFiles, loadParams } = await import(moduleUrl);
const importCpu = cpuSeconds(process.cpuUsage(c0));
const p = await loadParams(params);
const timed = async () => {
  const c1 = process.cpuUsage();
  const m1 = mainThreadCpu();
  const t = performance.now();
  const result = await extractFromFiles(image, mask, p);
  const cpu = cpuSeconds(process.cpuUsage(c1));
  return { seconds: (performance.now() - t) / 1000, cpu, main: mainThreadCpu() - m1, features: result.features.size };
};
const cold = await timed();
const runs = [];
for (let k = 0; k < 10; k++) runs.push(await timed());
const median = (v) => [...v].sort((a, b) => a - b)[2];
const warm = runs.slice(0, 5);
const steady = runs.slice(5);
console.log(JSON.stringify({ importCpu, coldSeconds: cold.seconds, coldCpu: cold.cpu, coldMain: cold.main, warmSeconds: median(warm.map((w) => w.seconds)),
  warmCpu: median(warm.map((w) => w.cpu)), warmMain: median(warm.map((w) => w.main)),
  steadySeconds: median(steady.map((w) => w.seconds)), steadyCpu: median(steady.map((w) => w.cpu)), features: cold.features }));
`;

const load = (): string => loadavg()[0].toFixed(1);

/** Compiles the project (tsconfig.build.json) into the temp folder: the same JavaScript `npm run build` makes. */
function build(): void {
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(buildDir, 'package.json')); // "type": "module"
  symlinkSync(join(root, 'node_modules'), join(buildDir, 'node_modules'), 'dir');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // Other people's work in progress may not type-check; tsc still emits every file, which is all we need.
  spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', buildDir], { cwd: root, encoding: 'utf8' });
  if (!existsSync(join(buildDir, 'src', 'cli.js'))) throw new Error(`build failed: no ${join(buildDir, 'src', 'cli.js')}`);
}

/** The command line of `radtrace` in each mode (built: what bin/radtrace.js imports when dist/ exists). */
function radtrace(mode: Mode): string[] {
  if (mode === 'built') return [join(buildDir, 'src', 'cli.js')];
  // bin/radtrace.js registers tsx and imports src/cli.ts, unless a dist/ exists; then do the same by hand.
  return existsSync(join(root, 'dist', 'src', 'cli.js')) ? ['--import', 'tsx', join(root, 'src', 'cli.ts')] : [join(root, 'bin', 'radtrace.js')];
}

interface ProcessFigures { wall: number; cpu: number; rssMB: number }

/** One process under GNU time (or without CPU/RSS figures when it is not installed). */
function timedProcess(args: string[]): ProcessFigures {
  const t = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S rss %M', process.execPath, ...args], { encoding: 'utf8', cwd: root })
    : spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const wall = (performance.now() - t) / 1000;
  const m = /cpu ([\d.]+) ([\d.]+) rss (\d+)/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rssMB: m ? Number(m[3]) / 1024 : NaN };
}

function bestOf(n: number, task: () => ProcessFigures): ProcessFigures {
  const runs = Array.from({ length: n }, task);
  return { wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)), rssMB: Math.min(...runs.map((r) => r.rssMB)) };
}

/** ": main thread X s, other threads Y s" when the split is known. */
function split(cpu: number, main: number): string {
  return Number.isFinite(main) ? `: main thread ${main.toFixed(2)} s, other threads ${(cpu - main).toFixed(2)} s` : '';
}

function runCase(name: string, image: string, mask: string, params: string, mode: Mode): void {
  const before = load();
  const whole = bestOf(3, () => timedProcess([...radtrace(mode), 'extract', image, mask, '--param', params, '-o', join(tmpdir(), 'radtrace-bench-case.csv')]));
  const moduleUrl = mode === 'built' ? pathToFileURL(join(buildDir, 'src', 'radiomics', 'index.js')).href : pathToFileURL(join(root, 'src', 'radiomics', 'index.ts')).href;
  const loader = mode === 'built' ? [] : ['--import', 'tsx'];
  const out = execFileSync(process.execPath, [...loader, '--input-type=module', '-e', CHILD, image, mask, params, moduleUrl], { encoding: 'utf8', cwd: root });
  const r = JSON.parse(out.trim().split('\n').pop()!) as ChildReport;
  console.log(`${name.padEnd(22)} ${mode.padEnd(5)} ${r.features} features | radtrace extract process ${whole.wall.toFixed(2)} s (cpu ${whole.cpu.toFixed(2)} s, `
    + `peak RSS ${whole.rssMB.toFixed(0)} MB) | import cpu ${r.importCpu.toFixed(2)} s | extract cold ${r.coldSeconds.toFixed(2)} s `
    + `(cpu ${r.coldCpu.toFixed(2)} s${split(r.coldCpu, r.coldMain)}) | warm ${r.warmSeconds.toFixed(2)} s (cpu ${r.warmCpu.toFixed(2)} s`
    + `${split(r.warmCpu, r.warmMain)}) | steady ${r.steadySeconds.toFixed(2)} s (cpu ${r.steadyCpu.toFixed(2)} s) | load ${before}–${load()}`);
}

/** `radtrace extract CASES.csv -j N`: wall and CPU seconds of the whole batch (best of 2). */
function runBatch(cases: string, jobs: number, count: number, mode: Mode): void {
  const before = load();
  const r = bestOf(2, () => timedProcess([...radtrace(mode), 'extract', cases, '-p', study, '-o', join(tmpdir(), 'radtrace-bench-batch.csv'), '-j', String(jobs)]));
  console.log(`batch of ${count} cases, ${jobs} worker(s), ${mode.padEnd(5)}: ${r.wall.toFixed(2)} s wall, cpu ${r.cpu.toFixed(2)} s, `
    + `${(count / r.wall).toFixed(2)} cases/s (${(r.wall / count).toFixed(2)} s per case), peak RSS ${r.rssMB.toFixed(0)} MB | load ${before}–${load()}`);
}

async function main(only: string | undefined): Promise<void> {
  const want = (name: string): boolean => only === undefined || name.toLowerCase().includes(only.toLowerCase());
  const ct = want('CT') ? ensureCtCase(join(tmpdir(), 'radtrace-bench-ct')) : null;
  if (ct) console.log(`CT case: 512×512×60 int16, 0.7×0.7×5 mm, lesion ${ct.lesionVoxels} voxels (${ct.image})`);
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  build();
  const modes: Mode[] = ['built', 'tsx'];
  const cases: [string, string, string, string][] = [
    ...['brain1', 'brain2'].map((c): [string, string, string, string] => [`${c} 1 mm resampling`, join(data, `${c}_image.nrrd`), join(data, `${c}_label.nrrd`), study]),
    ...['brain1', 'brain2'].map((c): [string, string, string, string] => [`${c} no resampling`, join(data, `${c}_image.nrrd`), join(data, `${c}_label.nrrd`), noResample]),
  ];
  if (ct) cases.push(['CT 1 mm resampling', ct.image, ct.mask, study], ['CT no resampling', ct.image, ct.mask, noResample]);
  for (const c of cases) if (want(c[0])) for (const mode of modes) runCase(...c, mode);
  if (!want('batch')) return;

  const list = join(tmpdir(), 'radtrace-bench-cases.csv');
  const rows = Array.from({ length: 8 }, () => `${join(data, 'brain1_image.nrrd')},${join(data, 'brain1_label.nrrd')}\n${join(data, 'brain2_image.nrrd')},${join(data, 'brain2_label.nrrd')}`);
  writeFileSync(list, `Image,Mask\n${rows.join('\n')}\n`);
  for (const mode of modes) for (const jobs of [1, 2]) runBatch(list, jobs, 16, mode);
}

await main(process.argv[2]);
