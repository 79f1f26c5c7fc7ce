// Timing of PyRadiomics-style resampling (1 mm, sitkBSpline) and of the shape class for brain1 and brain2.
// Prints the best of several runs, wall-clock and CPU time (the machine may be shared): npx tsx bench/resample-shape.ts
import { join } from 'node:path';
import { PYRADIOMICS_DATA } from '../test/support/paths.js';
import { readVolume } from '../src/radiomics/io/index.js';
import { resampleImageAndMask } from '../src/radiomics/resample.js';
import { shapeFeatures } from '../src/radiomics/features/shape.js';
import type { Vec3, Volume } from '../src/radiomics/types.js';

const RUNS = 15;

function best(task: () => void): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    task();
    wall = Math.min(wall, performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

function roiOf(mask: Volume): { data: Uint8Array; size: Vec3 } {
  const [nx, ny, nz] = mask.size;
  const lo = [nx, ny, nz];
  const hi = [-1, -1, -1];
  for (let z = 0, i = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, i++) {
    if (mask.data[i] !== 1) continue;
    [x, y, z].forEach((p, d) => { lo[d] = Math.min(lo[d], p); hi[d] = Math.max(hi[d], p); });
  }
  const size = hi.map((h, d) => h - lo[d] + 1) as Vec3;
  const data = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0, o = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, o++) {
    data[o] = mask.data[x + lo[0] + nx * (y + lo[1] + ny * (z + lo[2]))] === 1 ? 1 : 0;
  }
  return { data, size };
}

const ms = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(1)} ms (cpu ${t.cpu.toFixed(1)} ms)`;

for (const caseName of ['brain1', 'brain2']) {
  const image = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_image.nrrd`));
  const mask = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_label.nrrd`));
  const options = { resampledPixelSpacing: [1, 1, 1] as Vec3, interpolator: 'sitkBSpline', padDistance: 5, label: 1 };
  let resampled = resampleImageAndMask(image, mask, options);
  const resampling = best(() => { resampled = resampleImageAndMask(image, mask, options); });
  const roi = roiOf(resampled.mask);
  const shape = best(() => shapeFeatures(roi.data, roi.size, resampled.mask.spacing));
  const original = roiOf(mask);
  const shapeOriginal = best(() => shapeFeatures(original.data, original.size, mask.spacing));
  console.log(`${caseName}: resample to 1 mm ${ms(resampling)} → ${resampled.image.size.join('×')}; `
    + `shape on it ${ms(shape)}; shape without resampling ${ms(shapeOriginal)}`);
}
