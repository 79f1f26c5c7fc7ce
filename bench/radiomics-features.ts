// Times the feature classes (discretisation included) on brain1's ROI crop: each class on the original
// image, then the study's 11 images (original, LoG σ 1 and 3 mm, 8 wavelet decompositions) × 6 classes.
// Usage: npx tsx bench/radiomics-features.ts [case=brain1] [repeats=20]
import { join } from 'node:path';
import { readVolume } from '../src/radiomics/io/index.js';
import { boundingBox, cropToBoundingBox, type BoundingBox } from '../src/radiomics/preprocess.js';
import { laplacianOfGaussian } from '../src/radiomics/filters/log.js';
import { waveletDecompositions } from '../src/radiomics/filters/wavelet.js';
import { computeClass, computeClasses, type IntensityClassName } from '../src/radiomics/features/index.js';
import { DEFAULT_FEATURE_CLASS_SETTINGS, type Roi, type Volume } from '../src/radiomics/types.js';
import { PYRADIOMICS_DATA } from '../test/support/paths.js';

const caseName = process.argv[2] ?? 'brain1';
const repeats = Number(process.argv[3] ?? 20);
const CLASSES: IntensityClassName[] = ['firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];
const settings = DEFAULT_FEATURE_CLASS_SETTINGS;

function toRoi(image: Volume, mask: Volume, box: BoundingBox): Roi {
  const img = cropToBoundingBox(image, box, 0);
  const msk = cropToBoundingBox(mask, box, 0);
  return { size: img.size, spacing: img.spacing, image: Float64Array.from(img.data), mask: Uint8Array.from(msk.data, (v) => (v === 1 ? 1 : 0)) };
}

/** CPU milliseconds per call (user + system): on a shared machine wall time mostly measures the neighbours. */
function time(fn: () => void): number {
  for (let w = 0; w < 5; w++) fn(); // let the JIT settle: steady-state figures
  const t0 = process.cpuUsage();
  for (let r = 0; r < repeats; r++) fn();
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / 1000 / repeats;
}

const image = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_image.nrrd`));
const mask = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_label.nrrd`));
const box = boundingBox(mask, 1);
const original = toRoi(image, mask, box);
let voxels = 0;
original.mask.forEach((v) => (voxels += v));
console.log(`${caseName}: crop ${original.size.join('×')}, ${voxels} ROI voxels, ${repeats} repeats`);

for (const c of CLASSES) {
  console.log(`  ${c.padEnd(10)} ${time(() => computeClass(c, original, settings)).toFixed(2)} ms`);
}

// The study's image types, filtered on the whole image (as without resampling), cropped to the bounding box.
const images: { name: string; roi: Roi }[] = [{ name: 'original', roi: original }];
for (const sigma of [1, 3]) images.push({ name: `log-sigma-${sigma}`, roi: toRoi(laplacianOfGaussian(image, sigma), mask, box) });
for (const w of waveletDecompositions(image, { wavelet: 'coif1', level: 1, startLevel: 0 })) {
  images.push({ name: w.name, roi: toRoi(w.image, mask, box) });
}
let total = 0;
for (const { name, roi } of images) {
  const ms = time(() => computeClasses(CLASSES, roi, settings, { float32: name.startsWith('log') }));
  total += ms;
  console.log(`  ${name.padEnd(14)} all 6 classes ${ms.toFixed(2)} ms`);
}
console.log(`  total over ${images.length} images: ${total.toFixed(1)} ms (feature classes only)`);
