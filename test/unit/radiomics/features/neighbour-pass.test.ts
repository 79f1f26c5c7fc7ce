// The padded neighbour pass (neighbourhood.ts) and the classes built on it, against brute force over the
// crop with explicit bounds and ROI tests, on small random ROIs: distance 1 and 2, force2D, crops thinner
// than an offset, gldm_a 0 (same-level bits) and above (direct count), shared NeighbourTables.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CLASS_SETTINGS, type FeatureClassSettings, type Roi, type Vec3 } from '../../../../src/radiomics/types.js';
import { discretize } from '../../../../src/radiomics/discretize.js';
import {
  NeighbourTables, neighbourOffsets, neighbourPass, roiGrid, type Offset,
} from '../../../../src/radiomics/features/neighbourhood.js';
import { gldmMatrix } from '../../../../src/radiomics/features/gldm.js';
import { ngtdmMatrix } from '../../../../src/radiomics/features/ngtdm.js';
import { glszmMatrix } from '../../../../src/radiomics/features/glszm.js';
import { glrlmMatrices } from '../../../../src/radiomics/features/glrlm.js';
import { computeClasses } from '../../../../src/radiomics/features/index.js';

/** Deterministic pseudo-random ROI: levels 1..levels (binWidth 1), about `fill` of the crop in the mask. */
function randomRoi(size: Vec3, levels: number, fill: number, seed: number, tables?: NeighbourTables): Roi {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const n = size[0] * size[1] * size[2];
  const image = Float64Array.from({ length: n }, () => 1 + Math.floor(next() * levels));
  const mask = Uint8Array.from({ length: n }, () => (next() < fill ? 1 : 0));
  mask[0] = 1; // never empty
  return { size, spacing: [1, 1, 1], image, mask, neighbourTables: tables };
}

const settings = (s: Partial<FeatureClassSettings> = {}): FeatureClassSettings => ({ ...DEFAULT_FEATURE_CLASS_SETTINGS, binWidth: 1, ...s });

/** Bin level of crop voxel (x, y, z), or null outside the crop or the ROI. */
function levelAt(roi: Roi, levels: Int32Array, x: number, y: number, z: number): number | null {
  const [nx, ny, nz] = roi.size;
  if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return null;
  const idx = x + nx * (y + ny * z);
  return roi.mask[idx] ? levels[idx] : null;
}

/** For every ROI voxel (crop order): the levels of its in-ROI neighbours at each offset (null when not). */
function bruteNeighbours(roi: Roi, levels: Int32Array, offsets: Offset[]): { level: number; around: (number | null)[] }[] {
  const [nx, ny, nz] = roi.size;
  const out: { level: number; around: (number | null)[] }[] = [];
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const level = levelAt(roi, levels, x, y, z);
        if (level === null) continue;
        out.push({ level, around: offsets.map((o) => levelAt(roi, levels, x + o.dx, y + o.dy, z + o.dz)) });
      }
    }
  }
  return out;
}

/** The non-zero entries of a (levels × sizes) matrix starting at p[base], keyed "level,size". */
function matrixEntries(levels: Int32Array, sizes: Int32Array, p: Float64Array, base = 0): Map<string, number> {
  const out = new Map<string, number>();
  levels.forEach((g, i) => sizes.forEach((s, j) => {
    const v = p[base + i * sizes.length + j];
    if (v !== 0) out.set(`${g},${s}`, v);
  }));
  return out;
}

/** counts[key] += 1. */
function tally(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

const CASES: { name: string; size: Vec3; s: Partial<FeatureClassSettings> }[] = [
  { name: '3D distance 1', size: [6, 5, 4], s: {} },
  { name: '3D distances [1, 2]', size: [6, 5, 4], s: { distances: [1, 2] } },
  { name: 'force2D (axial)', size: [5, 4, 3], s: { force2D: true } },
  { name: 'one slice thick', size: [7, 6, 1], s: {} },
  { name: 'distance 2 on a 2-voxel-thin crop', size: [5, 2, 4], s: { distances: [2] } },
];

describe.each(CASES)('neighbour pass: $name', ({ size, s }) => {
  const roi = randomRoi(size, 4, 0.6, size[0] * 31 + size[2]);
  const cs = settings(s);
  const binned = discretize(roi, cs);
  const pass = neighbourPass(roi, binned, cs, cs.distances);
  const brute = bruteNeighbours(roi, binned.levels, pass.offsets);

  it('offsets: the forward set, then offset nf + a = −offset a; together the bidirectional set', () => {
    const nf = pass.offsets.length / 2;
    const options = { distances: cs.distances, force2D: cs.force2D, force2Ddimension: cs.force2Ddimension };
    expect(pass.offsets.slice(0, nf)).toEqual(neighbourOffsets(roi.size, { ...options, bidirectional: false }));
    for (let a = 0; a < nf; a++) {
      const o = pass.offsets[nf + a];
      expect([0 - o.dz, 0 - o.dy, 0 - o.dx]).toEqual([pass.offsets[a].dz, pass.offsets[a].dy, pass.offsets[a].dx]);
    }
    const key = (o: Offset) => `${o.dz},${o.dy},${o.dx},${o.step}`;
    expect(pass.offsets.map(key).sort()).toEqual(neighbourOffsets(roi.size, { ...options, bidirectional: true }).map(key).sort());
  });

  it('padded levels, neighbour counts, level sums and same-level bits', () => {
    const { grid } = pass;
    expect(Array.from(grid.index, (p) => pass.levels[p])).toEqual(Array.from(binned.roiLevels));
    expect(pass.levels.filter((l) => l === 0)).toHaveLength(grid.length - binned.roiIndices.length);
    expect(Array.from(pass.count)).toEqual(brute.map((b) => b.around.filter((l) => l !== null).length));
    expect(Array.from(pass.levelSum)).toEqual(brute.map((b) => b.around.reduce<number>((t, l) => t + (l ?? 0), 0)));
    if (pass.offsets.length <= 31) {
      const bits = brute.map((b) => b.around.reduce<number>((m, l, a) => (l === b.level ? m | (1 << a) : m), 0));
      expect(Array.from(pass.same ?? [])).toEqual(bits);
    } else {
      expect(pass.same).toBeNull();
    }
  });

  it.each([0, 0.5, 1, 2.5])('GLDM with gldm_a %s', (alpha) => {
    const m = gldmMatrix(roi, { ...cs, gldm_a: alpha }, binned);
    const counts = new Map<string, number>();
    for (const b of brute) {
      const dependent = b.around.filter((l) => l !== null && Math.abs(l - b.level) <= alpha).length;
      tally(counts, `${b.level},${dependent + 1}`);
    }
    expect(matrixEntries(m.grayLevels, m.dependenceSizes, m.p)).toEqual(counts);
  });

  it('NGTDM n_i and s_i (voxel order)', () => {
    const m = ngtdmMatrix(roi, cs, binned);
    const levels = Array.from(m.grayLevels);
    const counts = levels.map(() => 0);
    const sums = levels.map(() => 0);
    for (const b of brute) {
      const i = levels.indexOf(b.level);
      counts[i]++;
      const present = b.around.filter((l): l is number => l !== null);
      if (present.length > 0) sums[i] += Math.abs(b.level - present.reduce((t, l) => t + l, 0) / present.length);
    }
    expect(Array.from(m.counts)).toEqual(counts);
    expect(Array.from(m.sums)).toEqual(sums);
  });
});

describe('classes on the neighbour pass', () => {
  it('GLSZM zones: union-find on the same-level bits matches a flood fill', () => {
    const roi = randomRoi([7, 6, 5], 3, 0.7, 99);
    const binned = discretize(roi, settings());
    const [nx, ny, nz] = roi.size;
    const offsets = neighbourOffsets(roi.size, { distances: [1], bidirectional: true, force2D: false, force2Ddimension: 0 });
    const seen = new Uint8Array(roi.mask.length);
    const zones = new Map<string, number>();
    for (let start = 0; start < roi.mask.length; start++) {
      if (!roi.mask[start] || seen[start]) continue;
      const level = binned.levels[start];
      let size = 0;
      const stack = [start];
      seen[start] = 1;
      while (stack.length > 0) {
        const idx = stack.pop() as number;
        size++;
        const x = idx % nx;
        const y = Math.floor(idx / nx) % ny;
        const z = Math.floor(idx / (nx * ny));
        for (const o of offsets) {
          const [xx, yy, zz] = [x + o.dx, y + o.dy, z + o.dz];
          if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
          const k = xx + nx * (yy + ny * zz);
          if (roi.mask[k] && !seen[k] && binned.levels[k] === level) {
            seen[k] = 1;
            stack.push(k);
          }
        }
      }
      tally(zones, `${level},${size}`);
    }
    const m = glszmMatrix(roi, settings(), binned);
    expect(matrixEntries(m.grayLevels, m.zoneSizes, m.p)).toEqual(zones);
  });

  it('GLRLM runs per direction match walking each line', () => {
    const roi = randomRoi([6, 5, 4], 2, 0.8, 7);
    const binned = discretize(roi, settings());
    const m = glrlmMatrices(roi, settings(), binned);
    expect(m.count).toBe(13);
    m.offsets.forEach((o, a) => {
      const runs = new Map<string, number>();
      const [nx, ny, nz] = roi.size;
      for (let z = 0; z < nz; z++) {
        for (let y = 0; y < ny; y++) {
          for (let x = 0; x < nx; x++) {
            const level = levelAt(roi, binned.levels, x, y, z);
            if (level === null || levelAt(roi, binned.levels, x - o.dx, y - o.dy, z - o.dz) === level) continue;
            let length = 1;
            while (levelAt(roi, binned.levels, x + length * o.dx, y + length * o.dy, z + length * o.dz) === level) length++;
            tally(runs, `${level},${length}`);
          }
        }
      }
      expect(matrixEntries(m.grayLevels, m.runLengths, m.p, a * m.grayLevels.length * m.runLengths.length)).toEqual(runs);
    });
  });

  it('kernel memory: alternating masks, crop sizes and distances give the results of each ROI alone', () => {
    // The WebAssembly kernels keep the padded grid of the last mask in their memory: switching masks must
    // re-copy it (a larger crop grows the memory), and passes at distances [1, 2] use another grid (pad 2).
    const small = new NeighbourTables();
    const large = new NeighbourTables();
    const classes = ['glrlm', 'glszm', 'gldm', 'ngtdm'];
    const rois = [
      randomRoi([6, 5, 4], 5, 0.7, 21, small), randomRoi([30, 28, 26], 6, 0.8, 22, large),
      randomRoi([6, 5, 4], 5, 0.7, 23, small), randomRoi([30, 28, 26], 6, 0.8, 24, large),
    ];
    rois[2].mask = rois[0].mask;
    rois[3].mask = rois[1].mask;
    for (const distances of [[1], [1, 2]]) {
      const cs = settings({ distances });
      const interleaved = rois.map((roi) => computeClasses(classes, roi, cs));
      const alone = rois.map((roi) => computeClasses(classes, { ...roi, neighbourTables: undefined }, cs));
      expect(interleaved).toEqual(alone);
    }
  });

  it('shared NeighbourTables: same results for two images on one mask as without sharing', () => {
    const tables = new NeighbourTables();
    const classes = ['glrlm', 'glszm', 'gldm', 'ngtdm', 'firstorder'];
    for (const seed of [3, 4]) {
      const own = randomRoi([6, 5, 4], 5, 0.7, seed);
      const shared = { ...own, neighbourTables: tables };
      shared.mask = randomRoi([6, 5, 4], 5, 0.7, 3).mask; // the tables' mask
      own.mask = shared.mask;
      expect(computeClasses(classes, shared, settings())).toEqual(computeClasses(classes, own, settings()));
    }
    const roi = randomRoi([6, 5, 4], 5, 0.7, 3, tables);
    const binned = discretize(roi, settings());
    expect(roiGrid(roi, binned.roiIndices, 1)).toBe(roiGrid(roi, binned.roiIndices, 1));
  });
});
