// Extraction benchmark: the study settings (1037 features) on brain1 and brain2 with 1 mm resampling (and
// without), and on a generated CT-sized case (512×512×60 int16, 0.7×0.7×5 mm, lesion of ~4000 voxels) with and
// without resampling. Every case runs in its own process, as a user's `radtrace extract` would: the figures are
// the whole process (start, TypeScript loading, reading, extraction), the extraction alone (first call, cold
// JIT, and the median of 5 further calls, warm), CPU seconds and peak resident memory. Then batch mode:
// 16 cases on 1 worker and on every core. Wall times on a shared machine include the neighbours' load, so CPU
// seconds are printed too.
// Usage: npx tsx bench/radiomics.ts [filter]   (filter: a substring of the case names, e.g. brain1, CT, batch)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCtCase } from './radiomics-ct-case.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const data = process.env.RADTRACE_SHARED ? join(process.env.RADTRACE_SHARED, 'data', 'pyradiomics') : join(root, '..', 'shared', 'data', 'pyradiomics');
const study = join(data, 'paper_config', 'study.yaml');
const noResample = join(data, 'paper_config', 'study_noresample.yaml');

interface ChildReport {
  coldSeconds: number; coldCpu: number; warmSeconds: number; warmCpu: number; processCpu: number; maxRssMB: number; features: number;
}

/** Child mode: extract one case once cold and 5 times warm, print a JSON report. */
async function child(image: string, mask: string, params: string): Promise<void> {
  const { extractFromFiles, loadParams } = await import('../src/radiomics/index.js');
  const p = await loadParams(params);
  const cpu0 = process.cpuUsage();
  let t = performance.now();
  const result = await extractFromFiles(image, mask, p);
  const coldSeconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const whole = process.cpuUsage();
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    t = performance.now();
    const c0 = process.cpuUsage();
    await extractFromFiles(image, mask, p);
    const c = process.cpuUsage(c0);
    warm.push((performance.now() - t) / 1000);
    warmCpu.push((c.user + c.system) / 1e6);
  }
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[2];
  const report: ChildReport = {
    coldSeconds, coldCpu: (cpu.user + cpu.system) / 1e6, warmSeconds: median(warm), warmCpu: median(warmCpu),
    processCpu: (whole.user + whole.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024, features: result.features.size,
  };
  console.log(JSON.stringify(report));
}

function runCase(name: string, image: string, mask: string, params: string): void {
  const t = performance.now();
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', image, mask, params], { encoding: 'utf8', cwd: root });
  const processSeconds = (performance.now() - t) / 1000;
  const r = JSON.parse(out.trim().split('\n').pop()!) as ChildReport;
  console.log(`${name.padEnd(24)} ${r.features} features | process ${processSeconds.toFixed(2)} s (cpu ${r.processCpu.toFixed(2)} s) | `
    + `extract cold ${r.coldSeconds.toFixed(2)} s (cpu ${r.coldCpu.toFixed(2)} s) | warm ${r.warmSeconds.toFixed(2)} s (cpu ${r.warmCpu.toFixed(2)} s) | peak RSS ${r.maxRssMB.toFixed(0)} MB`);
}

/** Runs `radtrace extract CASES.csv -j N`; CPU seconds via GNU time when it is installed. */
function runBatch(cases: string, jobs: number, count: number): void {
  const args = [join(root, 'bin', 'radtrace.js'), 'extract', cases, '-p', study, '-o', join(tmpdir(), 'radtrace-bench-batch.csv'), '-j', String(jobs)];
  const gnuTime = existsSync('/usr/bin/time');
  const t = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`batch failed: ${r.stderr}`);
  const seconds = (performance.now() - t) / 1000;
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const cpuText = cpu ? `, cpu ${(Number(cpu[1]) + Number(cpu[2])).toFixed(2)} s` : '';
  console.log(`batch of ${count} cases, ${jobs} worker(s): ${seconds.toFixed(2)} s${cpuText} (${(seconds / count).toFixed(2)} s per case)`);
}

async function main(only: string | undefined): Promise<void> {
  const want = (name: string): boolean => only === undefined || name.toLowerCase().includes(only.toLowerCase());
  const ct = want('CT') ? ensureCtCase(join(tmpdir(), 'radtrace-bench-ct')) : null;
  if (ct) console.log(`CT case: 512×512×60 int16, 0.7×0.7×5 mm, lesion ${ct.lesionVoxels} voxels (${ct.image})`);
  console.log(`machine: ${availableParallelism()} cores, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const cases: [string, string, string, string][] = [
    ...['brain1', 'brain2'].map((c): [string, string, string, string] => [`${c} 1 mm resampling`, join(data, `${c}_image.nrrd`), join(data, `${c}_label.nrrd`), study]),
    ...['brain1', 'brain2'].map((c): [string, string, string, string] => [`${c} no resampling`, join(data, `${c}_image.nrrd`), join(data, `${c}_label.nrrd`), noResample]),
  ];
  if (ct) cases.push(['CT 1 mm resampling', ct.image, ct.mask, study], ['CT no resampling', ct.image, ct.mask, noResample]);
  for (const c of cases) if (want(c[0])) runCase(...c);
  if (!want('batch')) return;

  const list = join(tmpdir(), 'radtrace-bench-cases.csv');
  const rows = Array.from({ length: 8 }, () => `${join(data, 'brain1_image.nrrd')},${join(data, 'brain1_label.nrrd')}\n${join(data, 'brain2_image.nrrd')},${join(data, 'brain2_label.nrrd')}`);
  writeFileSync(list, `Image,Mask\n${rows.join('\n')}\n`);
  runBatch(list, 1, 16);
  runBatch(list, availableParallelism(), 16);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main(process.argv[2]);
