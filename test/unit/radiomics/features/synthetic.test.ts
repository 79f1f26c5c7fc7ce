// Known-answer tests on tiny ROIs, worked out by hand from PyRadiomics' definitions (comments show the work).
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CLASS_SETTINGS, type FeatureClassSettings, type Roi, type Vec3 } from '../../../../src/radiomics/types.js';
import { computeClass, computeClasses } from '../../../../src/radiomics/features/index.js';
import { glcmMatrices } from '../../../../src/radiomics/features/glcm.js';
import { glrlmMatrices } from '../../../../src/radiomics/features/glrlm.js';
import { glszmMatrix } from '../../../../src/radiomics/features/glszm.js';
import { gldmMatrix } from '../../../../src/radiomics/features/gldm.js';
import { ngtdmMatrix } from '../../../../src/radiomics/features/ngtdm.js';
import { neighbourOffsets } from '../../../../src/radiomics/features/neighbourhood.js';
import { directionWeight } from '../../../../src/radiomics/features/matrix-utils.js';
import { SettingsError } from '../../../../src/radiomics/errors.js';

// Tolerance: the hand results are exact rationals / closed forms; 1e-14 relative covers the last-bit
// rounding of float sums (a wrong count or formula moves values by ≥ 1e-3).
const REL = 1e-14;
const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(REL * Math.max(Math.abs(y), 1e-300));
const EPS = 2.220446049250313e-16;

function roiOf(size: Vec3, values: number[], mask?: number[], spacing: Vec3 = [1, 1, 1]): Roi {
  return {
    size,
    spacing,
    image: Float64Array.from(values),
    mask: Uint8Array.from(mask ?? values.map(() => 1)),
  };
}
const settings = (s: Partial<FeatureClassSettings> = {}): FeatureClassSettings => ({ ...DEFAULT_FEATURE_CLASS_SETTINGS, binWidth: 1, ...s });

// One 3×3 slice (x fastest), binWidth 1 so the bins equal the values:
//   y0: 1 1 2
//   y1: 1 2 2
//   y2: 3 3 2
const A = roiOf([3, 3, 1], [1, 1, 2, 1, 2, 2, 3, 3, 2], undefined, [1, 1, 2]);

describe('one-slice ROI: only the 4 in-plane directions exist', () => {
  it('offsets', () => {
    const offsets = neighbourOffsets(A.size, { distances: [1], bidirectional: false, force2D: false, force2Ddimension: 0 });
    expect(offsets.map((o) => [o.dz, o.dy, o.dx])).toEqual([[0, 1, 1], [0, 1, 0], [0, 1, -1], [0, 0, 1]]);
    expect(neighbourOffsets(A.size, { distances: [1], bidirectional: true, force2D: false, force2Ddimension: 0 })).toHaveLength(8);
  });

  it('GLCM: direction x+1 matrix and the mean contrast', () => {
    const m = glcmMatrices(A, settings());
    expect(m.count).toBe(4);
    // x+1 pairs: (1,1) (1,2) | (1,2) (2,2) | (3,3) (3,2); symmetric counts / 12.
    const x = Array.from(m.p.subarray(3 * 9, 4 * 9), (v) => v * 12);
    expect(x).toEqual([2, 2, 0, 2, 2, 1, 0, 1, 2]);
    // Contrast per direction: (y+1,x+1) 6/4, (y+1) 6/6, (y+1,x−1) 2/4, (x+1) 3/6 → mean 0.875.
    close(computeClass('glcm', A, settings()).Contrast, 0.875);
  });

  it('GLRLM: runs along x and ShortRunEmphasis along x', () => {
    const m = glrlmMatrices(A, settings());
    expect(Array.from(m.runLengths)).toEqual([1, 2, 3]);
    // x+1: level 1 runs [1,1],[1]; level 2 runs [2],[2,2],[2]; level 3 run [3,3].
    expect(Array.from(m.p.subarray(3 * 9, 4 * 9))).toEqual([1, 1, 0, 2, 1, 0, 0, 1, 0]);
    // y+1 (index 1): columns 1 1 3 | 1 2 3 | 2 2 2 → len1: 1+3, len2: 1, len3: 1.
    expect(Array.from(m.p.subarray(9, 18))).toEqual([1, 1, 0, 1, 0, 1, 2, 0, 0]);
  });

  it('GLSZM: 8-connected zones of sizes 3, 4, 2', () => {
    const m = glszmMatrix(A, settings());
    expect(Array.from(m.zoneSizes)).toEqual([2, 3, 4]);
    expect(Array.from(m.p)).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
    const f = computeClass('glszm', A, settings());
    close(f.ZonePercentage, 3 / 9);
    close(f.SmallAreaEmphasis, (1 / 9 + 1 / 16 + 1 / 4) / 3);
  });

  it('GLDM: dependence sizes (equal neighbours + 1)', () => {
    const m = gldmMatrix(A, settings());
    expect(Array.from(m.dependenceSizes)).toEqual([2, 3, 4]);
    expect(Array.from(m.p)).toEqual([0, 3, 0, 0, 2, 2, 2, 0, 0]);
  });

  it('NGTDM: s_i and Coarseness', () => {
    const m = ngtdmMatrix(A, settings());
    expect(Array.from(m.counts)).toEqual([3, 4, 2]);
    close(m.sums[0], 1 / 3 + 3 / 5 + 1);
    close(m.sums[1], 1 / 3 + 1 / 8 + 0 + 1 / 3);
    close(m.sums[2], 2);
    close(computeClass('ngtdm', A, settings()).Coarseness, 1 / ((3 * (1 / 3 + 3 / 5 + 1) + 4 * (19 / 24) + 2 * 2) / 9));
  });

  it('firstorder', () => {
    const f = computeClass('firstorder', A, settings({ voxelArrayShift: 1 }));
    close(f.Mean, 17 / 9);
    close(f.Energy, 4 + 4 + 9 + 4 + 9 + 9 + 16 + 16 + 9); // (x + 1)²
    close(f.TotalEnergy, 2 * 80); // voxel volume 1·1·2 mm³
    close(f.Variance, 44 / 81);
    expect([f.Minimum, f.Median, f.Maximum, f.Range, f['10Percentile'], f['90Percentile']]).toEqual([1, 2, 3, 2, 1, 3]);
    close(f.Uniformity, 29 / 81);
    close(f.Entropy, -[3, 4, 2].reduce((s, c) => s + (c / 9) * Math.log2(c / 9 + EPS), 0));
  });
});

describe('flat 3×3×3 region (one gray level)', () => {
  const flat = roiOf([3, 3, 3], new Array(27).fill(7));
  const all = computeClasses(['firstorder', 'glcm', 'glszm', 'gldm', 'ngtdm'], flat, settings({ binWidth: 25 }));

  it('firstorder: moments 0, entropy −log2(1 + ε), uniformity 1', () => {
    const f = all.firstorder ?? {};
    expect([f.Variance, f.Skewness, f.Kurtosis, f.MeanAbsoluteDeviation, f.Range]).toEqual([0, 0, 0, 0, 0]);
    expect(f.Entropy).toBe(-Math.log2(1 + EPS));
    expect(f.Uniformity).toBe(1);
  });

  it('GLCM: 13 directions of a 1×1 matrix; PyRadiomics special values', () => {
    const g = all.glcm ?? {};
    expect(glcmMatrices(flat, settings()).count).toBe(13);
    expect([g.Correlation, g.MCC, g.Imc1, g.Imc2, g.JointEnergy, g.Contrast, g.Idmn, g.JointAverage]).toEqual([1, 1, 0, 0, 1, 0, 1, 1]);
    close(g.JointEntropy, -Math.log2(1 + EPS)); // mean of 13 equal values: last bit may move
  });

  it('NGTDM: Coarseness 1e6, the rest 0', () => {
    expect(all.ngtdm).toEqual({ Busyness: 0, Coarseness: 1e6, Complexity: 0, Contrast: 0, Strength: 0 });
  });

  it('GLSZM: one zone of 27 voxels; GLDM: corners 8, edges 12, faces 18, centre 27', () => {
    expect(all.glszm?.ZonePercentage).toBe(1 / 27);
    const m = gldmMatrix(flat, settings());
    expect(Array.from(m.dependenceSizes)).toEqual([8, 12, 18, 27]);
    expect(Array.from(m.p)).toEqual([8, 12, 6, 1]);
  });
});

describe('conventions', () => {
  it('GLSZM zones are 26-connected (diagonal voxels join)', () => {
    const roi = roiOf([2, 2, 2], [5, 0, 0, 0, 0, 0, 0, 5], [1, 0, 0, 0, 0, 0, 0, 1]);
    const m = glszmMatrix(roi, settings());
    expect(Array.from(m.zoneSizes)).toEqual([2]);
  });

  it('GLRLM drops a direction in which no line holds two ROI voxels (PyRadiomics C code)', () => {
    // Only the (1,1,1) direction joins the two voxels; the 12 others are removed.
    const roi = roiOf([2, 2, 2], [5, 0, 0, 0, 0, 0, 0, 5], [1, 0, 0, 0, 0, 0, 0, 1]);
    const m = glrlmMatrices(roi, settings());
    expect(m.count).toBe(1);
    expect(Array.from(m.runLengths)).toEqual([2]);
    expect(computeClass('glrlm', roi, settings()).ShortRunEmphasis).toBe(1 / 4);
    // A gap inside a line still counts as two elements: both runs of length 1 are kept.
    const gap = roiOf([3, 1, 1], [5, 0, 5], [1, 0, 1]);
    expect(computeClass('glrlm', gap, settings()).RunPercentage).toBe(1);
  });

  it('force2D keeps in-plane directions of force2Ddimension', () => {
    const roi = roiOf([3, 3, 2], Array.from({ length: 18 }, (_, i) => i % 4));
    expect(glcmMatrices(roi, settings({ force2D: true })).offsets.every((o) => o.dz === 0)).toBe(true);
    const sagittal = glcmMatrices(roi, settings({ force2D: true, force2Ddimension: 2 })).offsets;
    expect(sagittal.map((o) => [o.dz, o.dy, o.dx])).toEqual([[1, 1, 0], [1, 0, 0], [1, -1, 0], [0, 1, 0]]);
  });

  it('distances [1, 2] add the Chebyshev-2 offsets (13 + 49 unidirectional)', () => {
    const size: Vec3 = [5, 5, 5];
    expect(neighbourOffsets(size, { distances: [1, 2], bidirectional: false, force2D: false, force2Ddimension: 0 })).toHaveLength(62);
    expect(neighbourOffsets(size, { distances: [2], bidirectional: true, force2D: false, force2Ddimension: 0 })).toHaveLength(98);
  });

  it('direction weights of weightingNorm (offset (1,1,0) in z,y,x; spacing x 0.5, y 0.5, z 2)', () => {
    const [offset] = neighbourOffsets([3, 3, 3], { distances: [1], bidirectional: false, force2D: false, force2Ddimension: 0 }).filter(
      (o) => o.dz === 1 && o.dy === 1 && o.dx === 0,
    );
    const spacing = [0.5, 0.5, 2];
    expect(directionWeight(offset, spacing, 'infinity', 'glcm')).toBe(Math.exp(-4));
    expect(directionWeight(offset, spacing, 'euclidean', 'glcm')).toBe(Math.exp(-4.25));
    expect(directionWeight(offset, spacing, 'manhattan', 'glcm')).toBe(Math.exp(-6.25));
    expect(directionWeight(offset, spacing, 'no_weighting', 'glcm')).toBe(1);
    expect(directionWeight(offset, spacing, 'infinity', 'glrlm')).toBe(2);
    expect(directionWeight(offset, spacing, 'euclidean', 'glrlm')).toBe(Math.sqrt(4.25));
    expect(directionWeight(offset, spacing, 'manhattan', 'glrlm')).toBe(2.5);
  });

  it('weightingNorm manhattan merges the direction matrices (slice A, spacing x 0.5, y 0.7, z 3)', () => {
    const roi = { ...A, spacing: [0.5, 0.7, 3] as Vec3 };
    const s = settings({ weightingNorm: 'manhattan' });
    // GLCM weights exp(−(Σ|d|)²): (y+1,x+1) and (y+1,x−1) 1.2 mm, y+1 0.7 mm, x+1 0.5 mm. Symmetric
    // contrast sums 12, 12, 4, 6 over totals 8, 12, 8, 12 (same directions as above).
    const [wd, wy, wx] = [Math.exp(-1.44), Math.exp(-0.49), Math.exp(-0.25)];
    close(computeClass('glcm', roi, s).Contrast, (wd * 12 + wy * 12 + wd * 4 + wx * 6) / (wd * 8 + wy * 12 + wd * 8 + wx * 12));
    // GLRLM weights are the step lengths; runs per direction 8, 6, 7, 6 and 9 voxels each.
    const nr = 1.2 * 8 + 0.7 * 6 + 1.2 * 7 + 0.5 * 6;
    expect(Math.abs(computeClass('glrlm', roi, s).RunPercentage - nr / (9 * 3.6))).toBeLessThan(1e-15);
    expect(glcmMatrices(roi, s).count).toBe(1);
  });

  it('bad settings are SettingsErrors naming the problem', () => {
    expect(() => computeClasses(['glcm', 'texture'], A, settings())).toThrow(/unknown feature class 'texture'/);
    expect(() => computeClass('glcm', A, settings({ distances: [0] }))).toThrow(SettingsError);
    expect(() => computeClass('gldm', A, settings({ force2D: true, force2Ddimension: 3 }))).toThrow(/force2Ddimension must be 0, 1 or 2/);
  });
});
