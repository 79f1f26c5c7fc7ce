// Speed of the radiomics image filters (LoG σ = 1, 3 mm; coif1 wavelet level 1) on brain1:
// the full 256×256×25 image and a 48×66×57 block (the size of brain1's 1 mm resampled bbox ± 5).
// Prints the best of several runs per filter, after a warm-up run: CPU time of this process (ms,
// robust when other processes share the cores) and wall time.
//   npx tsx bench/radiomics-filters.ts [repeats]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNrrd } from '../src/radiomics/io/nrrd.js';
import { laplacianOfGaussian } from '../src/radiomics/filters/log.js';
import { waveletDecompositions } from '../src/radiomics/filters/wavelet.js';
import type { Volume } from '../src/radiomics/types.js';
import { PYRADIOMICS_DATA } from '../test/support/paths.js';

const repeats = Number(process.argv[2] ?? 5);

function bestOf(run: () => void): string {
  run();
  let bestCpu = Infinity;
  let bestWall = Infinity;
  for (let r = 0; r < repeats; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    bestWall = Math.min(bestWall, performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  return `${bestCpu.toFixed(1)} ms CPU (${bestWall.toFixed(1)} ms wall)`;
}

function block(image: Volume, size: [number, number, number]): Volume {
  const data = new Int16Array(size[0] * size[1] * size[2]);
  const [nx, ny] = image.size;
  for (let z = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[0]; x++) {
        data[x + size[0] * (y + size[1] * z)] = Number(image.data[(100 + x) + nx * ((60 + y) + ny * (z % 25))]);
      }
    }
  }
  return { ...image, size, spacing: [1, 1, 1], data };
}

const brain1 = readNrrd(readFileSync(join(PYRADIOMICS_DATA, 'brain1_image.nrrd')), 'brain1_image.nrrd');
const cases: Array<[string, Volume]> = [
  ['brain1 256×256×25', brain1],
  ['block 48×66×57 (1 mm)', block(brain1, [48, 66, 57])],
];
for (const [label, image] of cases) {
  const log1 = bestOf(() => laplacianOfGaussian(image, 1));
  const log3 = bestOf(() => laplacianOfGaussian(image, 3));
  const wav = bestOf(() => waveletDecompositions(image, { wavelet: 'coif1', level: 1, startLevel: 0 }));
  console.log(`${label}:\n  LoG σ=1: ${log1}\n  LoG σ=3: ${log3}\n  wavelet coif1, 8 images: ${wav}`);
}
