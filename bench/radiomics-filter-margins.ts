// Boundary-margin study: when the LoG or wavelet is computed on a crop (ROI bounding box + m voxels)
// instead of the whole image, how large must m be for the ROI voxels to equal whole-image filtering?
// For each case, filter and axis, only that axis is cropped (the others kept whole), m grows until
// every ROI voxel is bit-identical; the largest relative difference is printed along the way.
//   npx tsx bench/radiomics-filter-margins.ts
import { join } from 'node:path';
import { readVolume } from '../src/radiomics/io/index.js';
import { boundingBox, cropToBoundingBox, type BoundingBox } from '../src/radiomics/preprocess.js';
import { laplacianOfGaussian } from '../src/radiomics/filters/log.js';
import { waveletDecompositions } from '../src/radiomics/filters/wavelet.js';
import type { Vec3, Volume } from '../src/radiomics/types.js';
import { PYRADIOMICS_DATA } from '../test/support/paths.js';

type Filter = (image: Volume) => Volume[];

/** Largest relative difference and count of differing voxels between ROI values of a crop and of the whole image. */
function compare(whole: Volume[], crop: Volume[], cropLower: Vec3, mask: Volume, box: BoundingBox): [number, number] {
  const [nx, ny] = mask.size;
  let worst = 0;
  let differing = 0;
  for (let b = 0; b < whole.length; b++) {
    const [cx, cy] = crop[b].size;
    for (let z = box.lower[2]; z <= box.upper[2]; z++) {
      for (let y = box.lower[1]; y <= box.upper[1]; y++) {
        for (let x = box.lower[0]; x <= box.upper[0]; x++) {
          const i = x + nx * (y + ny * z);
          if (mask.data[i] !== 1) continue;
          const a = whole[b].data[i];
          const c = crop[b].data[(x - cropLower[0]) + cx * ((y - cropLower[1]) + cy * (z - cropLower[2]))];
          if (a !== c) {
            differing++;
            worst = Math.max(worst, Math.abs(a - c) / Math.max(Math.abs(a), 1e-30));
          }
        }
      }
    }
  }
  return [worst, differing];
}

async function study(caseName: string, filters: Array<[string, Filter]>): Promise<void> {
  const image = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_image.nrrd`));
  const mask = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_label.nrrd`));
  const box = boundingBox(mask, 1);
  console.log(`${caseName}: size ${image.size.join('×')}, spacing ${image.spacing.map((s) => s.toFixed(4)).join(', ')}, `
    + `ROI bbox ${box.lower.join(',')} – ${box.upper.join(',')}`);
  for (const [label, filter] of filters) {
    const whole = filter(image);
    for (let axis = 0; axis < 3; axis++) {
      const room = Math.max(box.lower[axis], image.size[axis] - 1 - box.upper[axis]);
      const trail: string[] = [];
      let needed = -1;
      for (let m = 0; m <= room; m++) {
        const lower: Vec3 = [0, 0, 0];
        const upper: Vec3 = [image.size[0] - 1, image.size[1] - 1, image.size[2] - 1];
        lower[axis] = Math.max(box.lower[axis] - m, 0);
        upper[axis] = Math.min(box.upper[axis] + m, image.size[axis] - 1);
        let cropResult: Volume[];
        try {
          cropResult = filter(cropToBoundingBox(image, { lower, upper }));
        } catch {
          continue; // crop too small for the filter
        }
        const [worst, differing] = compare(whole, cropResult, lower, mask, box);
        if (m % 2 === 0 || differing === 0) trail.push(`m=${m}: ${differing} differ, max rel ${worst.toExponential(1)}`);
        if (differing === 0) {
          needed = m;
          break;
        }
      }
      console.log(`  ${label} axis ${'xyz'[axis]}: ${needed >= 0 ? `bit-identical from m = ${needed}` : `never (room ${room})`}`);
      console.log(`    ${trail.join('; ')}`);
    }
  }
}

const filters: Array<[string, Filter]> = [
  ['LoG σ=1', (im) => [laplacianOfGaussian(im, 1)]],
  ['LoG σ=3', (im) => [laplacianOfGaussian(im, 3)]],
  ['wavelet coif1', (im) => waveletDecompositions(im, { wavelet: 'coif1', level: 1, startLevel: 0 }).map((w) => w.image)],
];
await study('brain1', filters);
await study('brain2', filters);
