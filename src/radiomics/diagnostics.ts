// PyRadiomics' provenance ("diagnostics_*" entries, radiomics/generalinfo.py): image and mask hashes,
// geometry, gray-level statistics, ROI bounding box, voxel and connected-volume counts, centre of mass.
// Values are formatted as PyRadiomics prints them (Python tuples, floats with '.0').
import { createHash } from 'node:crypto';
import type { Vec3, Volume, VoxelArray } from './types.js';
import { continuousIndexToPhysicalPoint } from './geometry.js';
import { pyRepr, PyTuple } from './settings/pyliteral.js';
import { maskValue, type BoundingBox } from './preprocess.js';

export type Diagnostics = Map<string, string>;

const floats = (v: readonly number[]): string => pyRepr(new PyTuple([...v]));
const ints = (v: readonly number[]): string => pyRepr(new PyTuple(v.map((x) => BigInt(x))));

/** SHA1 of the voxel buffer in its pixel type, little endian (SimpleITK's Hash). */
export function voxelHash(data: VoxelArray): string {
  return createHash('sha1').update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).digest('hex');
}

/** SHA1 of the mask after PyRadiomics' cast to uint32. */
export function maskHash(mask: Volume): string {
  const data = mask.data;
  // int32 → uint32 keeps the bits (C++ static_cast wraps negatives), so the bytes hash as they are.
  if (data instanceof Uint32Array || data instanceof Int32Array) return voxelHash(data);
  // Cast and hash in chunks: a whole uint32 copy of a CT mask would be 4 bytes per voxel for nothing.
  const hash = createHash('sha1');
  const chunk = new Uint32Array(Math.min(data.length, 1 << 16));
  const float = data instanceof Float32Array || data instanceof Float64Array;
  for (let start = 0; start < data.length; start += chunk.length) {
    const part = data.subarray(start, Math.min(start + chunk.length, data.length));
    const out = part.length === chunk.length ? chunk : chunk.subarray(0, part.length);
    if (float) for (let i = 0; i < part.length; i++) out[i] = Math.trunc(part[i]);
    else out.set(part); // ToUint32: modular, like the C++ cast of a negative integer
    hash.update(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  }
  return hash.digest('hex');
}

/** Minimum, maximum and mean of all voxels (ITK StatisticsImageFilter; compensated summation). */
export function imageStatistics(data: VoxelArray): { mean: number; minimum: number; maximum: number } {
  if (!(data instanceof Float32Array || data instanceof Float64Array)) return integerStatistics(data);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
    const y = v - compensation;
    const t = sum + y;
    compensation = t - sum - y;
    sum = t;
  }
  return { mean: sum / data.length, minimum: min, maximum: max };
}

/** Integer voxels: the plain double sum is exact (|sum| < 2^53 for any realistic volume). */
function integerStatistics(data: Exclude<VoxelArray, Float32Array | Float64Array>): { mean: number; minimum: number; maximum: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { mean: sum / data.length, minimum: min, maximum: max };
}

/** Image-<prefix>_* entries (Hash and Dimensionality only for the original image, as PyRadiomics). */
export function addImageDiagnostics(out: Diagnostics, image: Volume, prefix: 'original' | 'interpolated'): void {
  const key = `diagnostics_Image-${prefix}_`;
  if (prefix === 'original') {
    out.set(`${key}Hash`, voxelHash(image.data));
    out.set(`${key}Dimensionality`, '3D');
  }
  const stats = imageStatistics(image.data);
  out.set(`${key}Spacing`, floats(image.spacing));
  out.set(`${key}Size`, ints(image.size));
  out.set(`${key}Mean`, pyRepr(stats.mean));
  out.set(`${key}Minimum`, pyRepr(stats.minimum));
  out.set(`${key}Maximum`, pyRepr(stats.maximum));
}

/** Mask-<prefix>_* entries; with `image`, also the gray-level Mean/Minimum/Maximum inside the ROI. */
export function addMaskDiagnostics(
  out: Diagnostics, mask: Volume, label: number, box: BoundingBox, prefix: 'original' | 'interpolated', image?: Volume,
): void {
  const key = `diagnostics_Mask-${prefix}_`;
  if (prefix === 'original') out.set(`${key}Hash`, maskHash(mask));
  const inBox = labelInBox(mask, label, box);
  const roi = roiSummary(inBox, box, mask.size, image?.data);
  out.set(`${key}Spacing`, floats(mask.spacing));
  out.set(`${key}Size`, ints(mask.size));
  out.set(`${key}BoundingBox`, ints([...box.lower, ...inBox.size]));
  out.set(`${key}VoxelNum`, String(roi.count));
  out.set(`${key}VolumeNum`, String(connectedComponents(inBox)));
  out.set(`${key}CenterOfMassIndex`, floats(roi.centerIndex));
  out.set(`${key}CenterOfMass`, floats(continuousIndexToPhysicalPoint(mask, roi.centerIndex)));
  if (image) {
    out.set(`${key}Mean`, pyRepr(roi.mean));
    out.set(`${key}Minimum`, pyRepr(roi.minimum));
    out.set(`${key}Maximum`, pyRepr(roi.maximum));
  }
}

/** The label's voxels inside its bounding box: 1 where the mask holds the label, else 0 (box x fastest). */
interface BoxMask {
  inside: Uint8Array;
  size: Vec3;
}

function labelInBox(mask: Volume, label: number, box: BoundingBox): BoxMask {
  const [nx, ny] = mask.size;
  const size: Vec3 = [box.upper[0] - box.lower[0] + 1, box.upper[1] - box.lower[1] + 1, box.upper[2] - box.lower[2] + 1];
  const [bx, by, bz] = size;
  const inside = new Uint8Array(bx * by * bz);
  for (let z = 0, o = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const row = box.lower[0] + nx * (box.lower[1] + y + ny * (box.lower[2] + z));
      for (let x = 0; x < bx; x++, o++) if (maskValue(mask.data, row + x) === label) inside[o] = 1;
    }
  }
  return { inside, size };
}

/** Voxel count and centre of mass (index space) of the ROI, and with `gray` its mean, minimum and maximum. */
function roiSummary({ inside, size }: BoxMask, box: BoundingBox, volumeSize: Vec3, gray?: VoxelArray) {
  const [bx, by, bz] = size;
  const [nx, ny] = volumeSize;
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  let sumZ = 0;
  let sum = 0;
  let minimum = Infinity;
  let maximum = -Infinity;
  for (let z = 0, o = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const row = box.lower[0] + nx * (box.lower[1] + y + ny * (box.lower[2] + z));
      for (let x = 0; x < bx; x++, o++) {
        if (inside[o] === 0) continue;
        count++;
        sumX += box.lower[0] + x;
        sumY += box.lower[1] + y;
        sumZ += box.lower[2] + z;
        if (gray) {
          const v = gray[row + x];
          sum += v;
          if (v < minimum) minimum = v;
          if (v > maximum) maximum = v;
        }
      }
    }
  }
  const centerIndex: Vec3 = [sumX / count, sumY / count, sumZ / count];
  return { count, centerIndex, mean: sum / count, minimum, maximum };
}

/** Number of 26-connected components of the ROI (ITK ConnectedComponent, fully connected). */
function connectedComponents({ inside, size }: BoxMask): number {
  const [bx, by, bz] = size;
  const seen = new Uint8Array(inside.length);
  const stack = new Int32Array(inside.length);
  let components = 0;
  for (let start = 0; start < inside.length; start++) {
    if (inside[start] === 0 || seen[start] === 1) continue;
    components++;
    seen[start] = 1;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const i = stack[--top];
      const x = i % bx;
      const y = Math.floor(i / bx) % by;
      const z = Math.floor(i / (bx * by));
      for (let dz = -1; dz <= 1; dz++) {
        const zz = z + dz;
        if (zz < 0 || zz >= bz) continue;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= by) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= bx) continue;
            const j = xx + bx * (yy + by * zz);
            if (inside[j] === 1 && seen[j] === 0) {
              seen[j] = 1;
              stack[top++] = j;
            }
          }
        }
      }
    }
  }
  return components;
}
