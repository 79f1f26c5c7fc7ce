// Texture matrices against PyRadiomics' saved ones (baseline/<case>_<class>.npy, default settings, 3D).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../../support/npy.js';
import { DEFAULT_FEATURE_CLASS_SETTINGS, type Roi } from '../../../../src/radiomics/types.js';
import { glcmMatrices } from '../../../../src/radiomics/features/glcm.js';
import { glrlmMatrices } from '../../../../src/radiomics/features/glrlm.js';
import { glszmMatrix } from '../../../../src/radiomics/features/glszm.js';
import { gldmMatrix } from '../../../../src/radiomics/features/gldm.js';
import { ngtdmMatrix } from '../../../../src/radiomics/features/ngtdm.js';
import { BASELINE_DIR, loadCaseRoi } from './helpers.js';

// Tolerance: exact. The counts are integers; the GLCM is count / direction total (one correctly rounded
// division, as numpy does); NGTDM s_i accumulates |i − mean| in the C code's voxel order, which we follow.
const settings = DEFAULT_FEATURE_CLASS_SETTINGS;

describe.each(['brain1', 'brain2'])('%s matrices', (caseName) => {
  let roi: Roi;
  beforeAll(async () => {
    roi = await loadCaseRoi(caseName);
  });
  const npy = (className: string) => readNpy(join(BASELINE_DIR, `${caseName}_${className}.npy`));

  it('GLCM (Ng′, Ng′, 13): symmetric, each direction normalised', () => {
    const expected = npy('glcm');
    const m = glcmMatrices(roi, settings);
    const n = m.grayLevels.length;
    expect([n, n, m.count]).toEqual(expected.shape);
    const ours = new Float64Array(expected.data.length);
    for (let a = 0; a < m.count; a++) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ours[(i * n + j) * m.count + a] = m.p[(a * n + i) * n + j];
    }
    expect(ours).toEqual(expected.data);
  });

  it('GLRLM (Ng′, Nr′, 13): run counts, empty run lengths removed', () => {
    const expected = npy('glrlm');
    const m = glrlmMatrices(roi, settings);
    const n = m.grayLevels.length;
    const nr = m.runLengths.length;
    expect([n, nr, m.count]).toEqual(expected.shape);
    const ours = new Float64Array(expected.data.length);
    for (let a = 0; a < m.count; a++) {
      for (let i = 0; i < n; i++) for (let r = 0; r < nr; r++) ours[(i * nr + r) * m.count + a] = m.p[(a * n + i) * nr + r];
    }
    expect(ours).toEqual(expected.data);
  });

  it('GLSZM (Ng′, Ns′): zone counts, empty sizes removed', () => {
    const expected = npy('glszm');
    const m = glszmMatrix(roi, settings);
    expect([m.grayLevels.length, m.zoneSizes.length]).toEqual(expected.shape);
    expect(m.p).toEqual(expected.data);
  });

  it('GLDM (Ng′, Nd′): voxel counts per dependence size, empty sizes removed', () => {
    const expected = npy('gldm');
    const m = gldmMatrix(roi, settings);
    expect([m.grayLevels.length, m.dependenceSizes.length]).toEqual(expected.shape);
    expect(m.p).toEqual(expected.data);
  });

  it('NGTDM (Ng′, 3): n_i, s_i, gray level', () => {
    const expected = npy('ngtdm');
    const m = ngtdmMatrix(roi, settings);
    expect([m.grayLevels.length, 3]).toEqual(expected.shape);
    const ours = new Float64Array(expected.data.length);
    m.grayLevels.forEach((g, i) => {
      ours[i * 3] = m.counts[i];
      ours[i * 3 + 1] = m.sums[i];
      ours[i * 3 + 2] = g;
    });
    expect(ours).toEqual(expected.data);
  });
});
