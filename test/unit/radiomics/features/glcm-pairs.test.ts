// The GLCM co-occurrence counts (WebAssembly kernel over the shared neighbour table, which it keeps in its
// memory between calls) against a direct count from voxel coordinates, on random ROIs that share one mask
// and on a second mask in between, with and without symmetricalGLCM, at distances 1 and 2.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CLASS_SETTINGS, type FeatureClassSettings, type Roi, type Vec3 } from '../../../../src/radiomics/types.js';
import { glcmMatrices } from '../../../../src/radiomics/features/glcm.js';
import { NeighbourTables, angleOptions, neighbourOffsets } from '../../../../src/radiomics/features/neighbourhood.js';
import { discretize } from '../../../../src/radiomics/discretize.js';

/** Deterministic pseudo-random values in [0, 1). */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function randomRoi(size: Vec3, seed: number, mask: Uint8Array, tables: NeighbourTables): Roi {
  const next = generator(seed);
  const image = Float64Array.from({ length: size[0] * size[1] * size[2] }, () => Math.floor(next() * 9) * 10);
  return { size, spacing: [1, 1, 1], image, mask, neighbourTables: tables };
}

function randomMask(size: Vec3, seed: number): Uint8Array {
  const next = generator(seed);
  return Uint8Array.from({ length: size[0] * size[1] * size[2] }, () => (next() < 0.7 ? 1 : 0));
}

/** Normalised GLCMs counted directly: for every voxel pair (x, x + offset) inside the ROI. */
function directGlcm(roi: Roi, settings: FeatureClassSettings): number[][] {
  const binned = discretize(roi, settings);
  const row = new Map(Array.from(binned.grayLevels, (g, r) => [g, r]));
  const n = binned.grayLevels.length;
  const [nx, ny, nz] = roi.size;
  const out: number[][] = [];
  for (const o of neighbourOffsets(roi.size, angleOptions(settings, false))) {
    const counts = new Array<number>(n * n).fill(0);
    for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
      const [xx, yy, zz] = [x + o.dx, y + o.dy, z + o.dz];
      if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
      const i = x + nx * (y + ny * z);
      const j = xx + nx * (yy + ny * zz);
      if (!roi.mask[i] || !roi.mask[j]) continue;
      const a = row.get(binned.levels[i])!;
      const b = row.get(binned.levels[j])!;
      counts[a * n + b]++;
      if (settings.symmetricalGLCM) counts[b * n + a]++;
    }
    const sum = counts.reduce((s, v) => s + v, 0);
    if (sum > 0) out.push(counts.map((v) => v / sum));
  }
  return out;
}

describe('GLCM counts', () => {
  const size: Vec3 = [7, 6, 5];
  const maskA = randomMask(size, 1);
  const maskB = randomMask(size, 2);
  const tablesA = new NeighbourTables();
  const tablesB = new NeighbourTables();
  // Image types of one mask, a second mask in between, then the first mask again (its table is re-copied).
  const rois = [randomRoi(size, 11, maskA, tablesA), randomRoi(size, 12, maskA, tablesA), randomRoi(size, 13, maskB, tablesB), randomRoi(size, 14, maskA, tablesA)];

  for (const symmetricalGLCM of [true, false]) {
    for (const distances of [[1], [1, 2]]) {
      it(`equal a direct count (symmetricalGLCM ${symmetricalGLCM}, distances ${distances})`, () => {
        const settings: FeatureClassSettings = { ...DEFAULT_FEATURE_CLASS_SETTINGS, binWidth: 10, symmetricalGLCM, distances };
        for (const roi of rois) {
          const m = glcmMatrices(roi, settings);
          const n = m.grayLevels.length;
          const expected = directGlcm(roi, settings);
          expect(m.count).toBe(expected.length);
          expected.forEach((p, a) => expect(Array.from(m.p.subarray(a * n * n, (a + 1) * n * n))).toEqual(p));
        }
      });
    }
  }
});
