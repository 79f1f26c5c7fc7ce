// A CT-sized synthetic case for the extraction benchmark: 512×512×60 int16, spacing 0.7×0.7×5 mm, a body-like
// ellipse of soft tissue in air with deterministic noise, and an ellipsoidal lesion of a few thousand voxels.
// Written once as raw NRRD (image) and gzip NRRD (mask) and reused.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CT_SIZE = [512, 512, 60] as const;
export const CT_SPACING = [0.7, 0.7, 5] as const;

/** xorshift32: deterministic noise without Math.random. */
function noise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function header(type: string, encoding: string): string {
  return ['NRRD0004', `type: ${type}`, 'dimension: 3', 'space: left-posterior-superior', `sizes: ${CT_SIZE.join(' ')}`,
    `space directions: (${CT_SPACING[0]},0,0) (0,${CT_SPACING[1]},0) (0,0,${CT_SPACING[2]})`, 'kinds: domain domain domain',
    'endian: little', `encoding: ${encoding}`, 'space origin: (-179.2,-179.2,-150)', '', ''].join('\n');
}

/** Writes (or reuses) ct_image.nrrd and ct_label.nrrd in `dir`; returns their paths and the lesion size. */
export function ensureCtCase(dir: string): { image: string; mask: string; lesionVoxels: number } {
  const image = join(dir, 'ct_image.nrrd');
  const mask = join(dir, 'ct_label.nrrd');
  const [nx, ny, nz] = CT_SIZE;
  const n = nx * ny * nz;
  const labels = new Uint8Array(n);
  const values = new Int16Array(n);
  const rand = noise(20260127);
  // Lesion: ellipsoid of radii 13 × 13 × 15 mm centred at (300, 220, 30), textured around 40 HU.
  const [cx, cy, cz] = [300, 220, 30];
  let lesionVoxels = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        const body = ((x - 256) / 230) ** 2 + ((y - 256) / 170) ** 2 <= 1;
        const lesion = (((x - cx) * 0.7) / 13) ** 2 + (((y - cy) * 0.7) / 13) ** 2 + (((z - cz) * 5) / 15) ** 2 <= 1;
        const base = lesion ? 40 + 25 * Math.sin(x / 3) * Math.cos(y / 4) : body ? 30 + 60 * Math.sin((x + 2 * y) / 40) : -1000;
        values[i] = Math.round(base + (rand() - 0.5) * (body ? 80 : 20));
        if (lesion) {
          labels[i] = 1;
          lesionVoxels++;
        }
      }
    }
  }
  if (!existsSync(image) || !existsSync(mask)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(image, Buffer.concat([Buffer.from(header('short', 'raw'), 'latin1'), Buffer.from(values.buffer)]));
    writeFileSync(mask, Buffer.concat([Buffer.from(header('unsigned char', 'gzip'), 'latin1'), gzipSync(labels)]));
  }
  return { image, mask, lesionVoxels };
}
