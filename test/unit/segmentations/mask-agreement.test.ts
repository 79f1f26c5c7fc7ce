// Dice and HD95 against SciPy, computed with MedPy's conventions (binary.dc, binary.hd95) by:
//   surface(m) = m ^ binary_erosion(m, generate_binary_structure(3, 1))
//   d(a, b)    = distance_transform_edt(~surface(b), sampling=(sz, sy, sx))[surface(a)]
//   hd95       = percentile(hstack((d(a, b), d(b, a))), 95);  dice = 2|a∩b| / (|a| + |b|)
// on the two masks built below (numpy 1.x / scipy 1.x, run once; values pasted here).
import { describe, expect, it } from 'vitest';
import { MaskAgreementError, maskAgreement, percentile } from '../../../src/modules/segmentations/mask-agreement.js';

const SCIPY = { dice: 0.4910265613783202, hd95Mm: 4.060788100849391, countA: 635, countB: 758 };

function masks(): { a: Uint8Array; b: Uint8Array; size: [number, number, number]; spacing: [number, number, number] } {
  const size: [number, number, number] = [24, 20, 12];
  const spacing: [number, number, number] = [0.8, 0.7, 2.5];
  const n = size[0] * size[1] * size[2];
  const a = new Uint8Array(n);
  const b = new Uint8Array(n);
  for (let z = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[0]; x++) {
        const i = x + size[0] * (y + size[1] * z);
        const [px, py, pz] = [x * spacing[0], y * spacing[1], z * spacing[2]];
        a[i] = (px - 9) ** 2 + (py - 7) ** 2 + (pz - 14) ** 2 <= 36 ? 1 : 0;
        b[i] = x >= 3 && (px - 12.5) ** 2 + (py - 5) ** 2 + (pz - 12) ** 2 <= 40 ? 1 : 0;
      }
    }
  }
  b[20 + size[0] * (5 + size[1] * 5)] = 1; // an isolated stray voxel, far from both regions
  return { a, b, size, spacing };
}

describe('mask agreement (Dice, HD95)', () => {
  it('matches SciPy/MedPy on two overlapping anisotropic ellipsoids with a stray voxel', () => {
    const { a, b, size, spacing } = masks();
    expect(a.reduce((s, v) => s + v, 0)).toBe(SCIPY.countA);
    expect(b.reduce((s, v) => s + v, 0)).toBe(SCIPY.countB);
    const result = maskAgreement({ size, spacing }, a, b);
    // Dice is a ratio of integer counts: exact up to the last bit of the division.
    expect(result.dice).toBeCloseTo(SCIPY.dice, 14);
    // Distances are square roots of sums of three squared products: 1e-9 mm covers rounding.
    expect(result.hd95Mm).toBeCloseTo(SCIPY.hd95Mm, 9);
  });

  it('gives Dice 1 and HD95 0 for identical masks, and is symmetric', () => {
    const { a, b, size, spacing } = masks();
    expect(maskAgreement({ size, spacing }, a, a)).toEqual({ dice: 1, hd95Mm: 0 });
    const ab = maskAgreement({ size, spacing }, a, b);
    const ba = maskAgreement({ size, spacing }, b, a);
    expect(ba.dice).toBe(ab.dice);
    expect(ba.hd95Mm).toBe(ab.hd95Mm);
  });

  it('rejects an empty mask and mismatching lengths', () => {
    const { a, size, spacing } = masks();
    expect(() => maskAgreement({ size, spacing }, a, new Uint8Array(a.length))).toThrow(MaskAgreementError);
    expect(() => maskAgreement({ size, spacing }, a, new Uint8Array(3))).toThrow(/must have 5760 voxels/);
  });

  it('interpolates percentiles like numpy', () => {
    // numpy.percentile([1, 2, 3, 4], 95) = 3.85
    expect(percentile([4, 1, 3, 2], 95)).toBeCloseTo(3.85, 12);
  });
});
