// Times the feature classes (discretisation included) on the study's images: the ROI crops of the 11 image
// types (original, LoG σ 1 and 3 mm, 8 wavelet bands) that the extractor hands to the classes, with and
// without 1 mm resampling. Pre-processing and filters are done once, untimed; only the classes are timed.
// Usage: npx tsx bench/radiomics-features.ts [case=brain1] [repeats=20]
import { join } from 'node:path';
import { readVolume } from '../src/radiomics/io/index.js';
import { boundingBox, cropToBoundingBox } from '../src/radiomics/preprocess.js';
import { resampleImageAndMask } from '../src/radiomics/resample.js';
import { derivedImages } from '../src/radiomics/image-types.js';
import { loadParams } from '../src/radiomics/settings/index.js';
import { computeClass, computeClasses, type IntensityClassName } from '../src/radiomics/features/index.js';
import type { Roi, Volume } from '../src/radiomics/types.js';
import { PYRADIOMICS_DATA } from '../test/support/paths.js';

const caseName = process.argv[2] ?? 'brain1';
const repeats = Number(process.argv[3] ?? 20);
const CLASSES: IntensityClassName[] = ['firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];

/** CPU milliseconds per call (user + system): on a shared machine wall time mostly measures the neighbours. */
function time(fn: () => void): number {
  for (let w = 0; w < 5; w++) fn(); // let the JIT settle: steady-state figures
  const t0 = process.cpuUsage();
  for (let r = 0; r < repeats; r++) fn();
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / 1000 / repeats;
}

function toRoi(crop: Volume, maskCrop: Volume): Roi {
  return {
    size: crop.size,
    spacing: crop.spacing,
    image: Float64Array.from(crop.data),
    mask: Uint8Array.from(maskCrop.data, (v) => (v === 1 ? 1 : 0)),
  };
}

const original = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_image.nrrd`));
const originalMask = await readVolume(join(PYRADIOMICS_DATA, `${caseName}_label.nrrd`));
const params = await loadParams(join(PYRADIOMICS_DATA, 'paper_config', 'study.yaml'));

for (const resampled of [false, true]) {
  let image = original;
  let mask = originalMask;
  if (resampled) {
    ({ image, mask } = resampleImageAndMask(original, originalMask, {
      resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkBSpline', padDistance: 5, label: 1,
    }));
  }
  const box = boundingBox(mask, 1);
  const maskCrop = cropToBoundingBox(mask, box);
  const images: { name: string; roi: Roi; float32: boolean }[] = [];
  for (const spec of params.imageTypes) {
    for (const d of derivedImages(image, box, spec, resampled, () => undefined)) {
      images.push({ name: d.name, roi: toRoi(d.crop, maskCrop), float32: d.crop.pixelType === 'float32' });
    }
  }
  const roi0 = images[0].roi;
  const voxels = roi0.mask.reduce((s, v) => s + v, 0);
  console.log(`${caseName}${resampled ? ' resampled to 1 mm' : ''}: crop ${roi0.size.join('×')}, ${voxels} ROI voxels (CPU ms per call, ${repeats} repeats)`);
  const line = CLASSES.map((c) => `${c} ${time(() => computeClass(c, roi0, params.settings)).toFixed(2)}`).join(', ');
  console.log(`  original, one class at a time: ${line}`);
  let total = 0;
  const perImage: string[] = [];
  for (const { name, roi, float32 } of images) {
    const ms = time(() => computeClasses(CLASSES, roi, params.settings, { float32 }));
    total += ms;
    perImage.push(`${name} ${ms.toFixed(1)}`);
  }
  console.log(`  all 6 classes per image: ${perImage.join(', ')}`);
  console.log(`  total for the ${images.length} images × 6 classes: ${total.toFixed(1)} ms`);
}
