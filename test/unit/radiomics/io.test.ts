// Volume readers checked against ITK itself (itk-wasm's ImageIO, the same NRRD/NIfTI code SimpleITK runs)
// and against the SimpleITK voxel hashes recorded in PyRadiomics' baselines.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readImageNode, writeImageNode } from '@itk-wasm/image-io';
import { describe, expect, it } from 'vitest';
import { readVolume, readVolumeBytes } from '../../../src/radiomics/io/index.js';
import { extractFromFiles, parseParams } from '../../../src/radiomics/index.js';
import { VolumeFormatError } from '../../../src/radiomics/errors.js';
import type { Volume } from '../../../src/radiomics/types.js';
import { PYRADIOMICS_DATA } from '../../support/paths.js';
import { buildNifti, type NiftiFields } from '../../support/radiomics-nifti.js';

const sha1 = (v: Volume): string => createHash('sha1').update(new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength)).digest('hex');

/** Geometry and voxels must equal ITK's exactly (same doubles, same pixel type, same bytes). */
async function expectSameAsItk(path: string, ours: Volume): Promise<void> {
  const itk = await readImageNode(path);
  expect(ours.size).toEqual(Array.from(itk.size));
  expect(ours.spacing).toEqual(Array.from(itk.spacing));
  expect(ours.origin).toEqual(Array.from(itk.origin));
  // both directions are row-major (+0 folds −0 into 0)
  const d = Array.from(itk.direction as Float64Array);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(ours.direction[i * 3 + j] + 0).toBe(d[i * 3 + j] + 0);
  expect(ours.pixelType).toBe(itk.imageType.componentType);
  expect(Buffer.from(ours.data.buffer, ours.data.byteOffset, ours.data.byteLength).equals(
    Buffer.from((itk.data as Uint8Array).buffer, (itk.data as Uint8Array).byteOffset, (itk.data as Uint8Array).byteLength))).toBe(true);
}

describe('NRRD reader', () => {
  const cases: [string, string, string][] = [
    ['brain1_image.nrrd', 'int16', '5c9ce3ca174f0f8324aa4d277e0fef82dc5ac566'],
    ['brain2_image.nrrd', 'int16', 'f2b8fbc4d5d1da08a1a70e79a301f8a830139438'],
    ['brain1_label.nrrd', 'int32', ''],
    ['lung1_label.nrrd', 'int16', ''],
    ['prostate_phantom_subvolume.nrrd', 'uint16', ''],
    ['wavelet_phantom/test-image_37x37x37.nrrd', 'uint8', ''],
  ];
  for (const [file, type, hash] of cases) {
    it(`reads ${file} exactly as ITK does`, async () => {
      const path = join(PYRADIOMICS_DATA, file);
      const v = await readVolume(path);
      expect(v.pixelType).toBe(type);
      if (hash) expect(sha1(v)).toBe(hash); // SimpleITK hash from the baselines
      await expectSameAsItk(path, v);
    });
  }

  it('gives brain1 the geometry PyRadiomics reports', async () => {
    const v = await readVolume(join(PYRADIOMICS_DATA, 'brain1_image.nrrd'));
    expect(v.size).toEqual([256, 256, 25]);
    expect(v.spacing).toEqual([0.7812499999999999, 0.7812499999999999, 6.499999999999998]);
    expect(v.direction).toEqual([1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });

  it('reads raw big-endian and RAS-space NRRD written by hand', () => {
    const values = [1, -2, 300, -32768, 32767, 7, 8, 9];
    const body = Buffer.alloc(16);
    values.forEach((x, i) => body.writeInt16BE(x, 2 * i));
    const header = 'NRRD0004\ntype: short\ndimension: 3\nspace: right-anterior-superior\nsizes: 2 2 2\n'
      + 'space directions: (0.5,0,0) (0,2,0) (0,0,3)\nendian: big\nencoding: raw\nspace origin: (10,20,30)\n\n';
    const v = readVolumeBytes(Buffer.concat([Buffer.from(header, 'latin1'), body]), 'hand.nrrd');
    expect(Array.from(v.data)).toEqual(values);
    expect(v.spacing).toEqual([0.5, 2, 3]);
    expect(v.origin).toEqual([-10, -20, 30]);
    expect(v.direction.map((x) => x + 0)).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });

  // gzip data is inflated into one chunk and viewed in place when it is in the machine's (little-endian) order;
  // big-endian data is copied and byte-swapped.
  it.each([['little', true], ['big', false]] as const)('reads gzip %s-endian int32 NRRD written by hand', (endian, little) => {
    const values = [1, -2, 300000, -2147483648, 2147483647, 7, 8, 9];
    const body = Buffer.alloc(32);
    values.forEach((x, i) => (little ? body.writeInt32LE(x, 4 * i) : body.writeInt32BE(x, 4 * i)));
    const header = `NRRD0004\ntype: int\ndimension: 3\nsizes: 2 2 2\nendian: ${endian}\nencoding: gzip\n\n`;
    const v = readVolumeBytes(Buffer.concat([Buffer.from(header, 'latin1'), gzipSync(body)]), 'hand.nrrd');
    expect(v.data).toBeInstanceOf(Int32Array);
    expect(Array.from(v.data)).toEqual(values);
  });
});

describe('NIfTI-1 reader matches ITK', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radtrace-nifti-'));
  const n = 3 * 4 * 5;
  const ramp = Array.from({ length: n }, (_, i) => (i * 37) % 200 - 50);
  const base: NiftiFields = { dims: [3, 4, 5], datatype: 4, bitpix: 16, pixdim: [1, 0.7, 0.8, 2.5] };
  const c = Math.cos(0.3), s = Math.sin(0.3);
  const cases: [string, NiftiFields][] = [
    ['no qform, no sform', base],
    ['qform only, rotated, qfac -1', { ...base, pixdim: [-1, 0.7, 0.8, 2.5], qformCode: 1, quatern: [0.1, -0.2, 0.3], qoffset: [12.5, -7.25, 3] }],
    ['sform only (aligned), oblique', { ...base, sformCode: 2, srow: [[0.7 * c, -0.8 * s, 0, -5], [0.7 * s, 0.8 * c, 0, 6], [0, 0, 2.5, 7]] }],
    ['sform scanner-anat wins over a different qform', { ...base, qformCode: 1, quatern: [0, 0, 1], qoffset: [1, 2, 3], sformCode: 1, srow: [[-0.7, 0, 0, 10], [0, 0.8, 0, 20], [0, 0, 2.5, 30]] }],
    ['qform wins over a different aligned sform', { ...base, qformCode: 1, quatern: [0, 0, 1], qoffset: [1, 2, 3], sformCode: 2, srow: [[-0.7, 0, 0, 10], [0, 0.8, 0, 20], [0, 0, 2.5, 30]] }],
    ['equal qform and sform', { ...base, qformCode: 1, quatern: [0, 0, 0], qoffset: [4, 5, 6], sformCode: 2, srow: [[0.7, 0, 0, 4], [0, 0.8, 0, 5], [0, 0, 2.5, 6]] }],
    ['slope and intercept promote int16 to float32', { ...base, qformCode: 1, sclSlope: 0.5, sclInter: -1024.25 }],
    ['4-D with one time point, metres', { ...base, dims: [3, 4, 5, 1], pixdim: [1, 0.0007, 0.0008, 0.0025, 1], xyztUnits: 1, qformCode: 1, qoffset: [0.01, 0.02, 0.03] }],
    ['big-endian float64, gzip', { ...base, datatype: 64, bitpix: 64, bigEndian: true, gzip: true, qformCode: 2, quatern: [0.5, 0.5, 0.5], qoffset: [-1, -2, -3] }],
    ['uint8', { ...base, datatype: 2, bitpix: 8, qformCode: 1 }],
    ['int8', { ...base, datatype: 256, bitpix: 8, qformCode: 1 }],
    ['uint16', { ...base, datatype: 512, bitpix: 16, qformCode: 1 }],
    ['int32', { ...base, datatype: 8, bitpix: 32, qformCode: 1 }],
    ['uint32', { ...base, datatype: 768, bitpix: 32, qformCode: 1 }],
    ['float32', { ...base, datatype: 16, bitpix: 32, qformCode: 1 }],
  ];
  for (const [name, fields] of cases) {
    it(name, async () => {
      const unsigned = fields.datatype === 2 || fields.datatype === 512 || fields.datatype === 768;
      const values = ramp.map((x) => (unsigned ? x + 50 : x) + (fields.datatype === 16 || fields.datatype === 64 ? 0.25 : 0));
      const bytes = buildNifti(fields, values);
      const path = join(dir, `${name.replace(/\W+/g, '_')}.nii${fields.gzip ? '.gz' : ''}`);
      writeFileSync(path, bytes);
      await expectSameAsItk(path, readVolumeBytes(bytes, path));
    });
  }
});

describe('NIfTI written by ITK', () => {
  it('brain2 converted to .nii.gz by ITK gives the same volume and the same features as the NRRD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radtrace-nii-'));
    const paths: string[] = [];
    for (const file of ['brain2_image', 'brain2_label']) {
      const path = join(dir, `${file}.nii.gz`);
      await writeImageNode(await readImageNode(join(PYRADIOMICS_DATA, `${file}.nrrd`)), path, { useCompression: true });
      const fromNifti = await readVolume(path);
      const fromNrrd = await readVolume(join(PYRADIOMICS_DATA, `${file}.nrrd`));
      // NIfTI stores geometry as float32: exact for these spacings (0.78125, 6.5) and origins.
      expect(fromNifti.spacing).toEqual(fromNrrd.spacing.map(Math.fround));
      expect(fromNifti.origin).toEqual(fromNrrd.origin.map(Math.fround));
      expect(fromNifti.direction.map((x) => x + 0)).toEqual(fromNrrd.direction);
      expect([fromNifti.size, fromNifti.pixelType]).toEqual([fromNrrd.size, fromNrrd.pixelType]);
      expect(sha1(fromNifti)).toBe(sha1(fromNrrd));
      paths.push(path);
    }
    const params = parseParams('featureClass: {shape: , firstorder: , glcm: }');
    const nifti = await extractFromFiles(paths[0], paths[1], params);
    const nrrd = await extractFromFiles(join(PYRADIOMICS_DATA, 'brain2_image.nrrd'), join(PYRADIOMICS_DATA, 'brain2_label.nrrd'), params);
    expect(nifti.features.size).toBe(14 + 18 + 24);
    for (const [name, value] of nrrd.features) {
      // Spacing 0.7812499999999999 (NRRD) vs 0.78125 (float32 NIfTI): physical-size features differ by ~1e-16.
      expect(Math.abs(nifti.features.get(name)! - value) / Math.max(Math.abs(value), 1e-9), name).toBeLessThan(1e-12);
    }
  });
});

describe('bad volume files', () => {
  const brain2 = readFileSync(join(PYRADIOMICS_DATA, 'brain2_label.nrrd'));
  const expectError = (bytes: Uint8Array, name: string, message: RegExp): void => {
    expect(() => readVolumeBytes(bytes, name)).toThrow(VolumeFormatError);
    expect(() => readVolumeBytes(bytes, name)).toThrow(message);
  };

  it('rejects a truncated gzip NRRD', () => expectError(brain2.subarray(0, brain2.length - 100), 'cut.nrrd', /gzip voxel data is corrupt or truncated/));
  it('rejects a corrupt gzip NRRD', () => {
    const bad = Buffer.from(brain2);
    for (let i = bad.length - 3000; i < bad.length - 2000; i++) bad[i] ^= 0x5a;
    expectError(bad, 'corrupt.nrrd', /corrupt or truncated/);
  });
  it('rejects a gzip NRRD whose data is longer than its sizes say', () => {
    const header = 'NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nencoding: gzip\nendian: little\n\n';
    expectError(Buffer.concat([Buffer.from(header), gzipSync(Buffer.alloc(20))]), 'long.nrrd', /gzip voxel data holds 20 bytes, expected 16/);
  });
  it('rejects a raw NRRD with too few bytes', () => {
    const header = 'NRRD0004\ntype: short\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nendian: little\n\n';
    expectError(Buffer.concat([Buffer.from(header), Buffer.alloc(100)]), 'short.nrrd', /truncated: expected 128 bytes of int16 data, found 100/);
  });
  it('rejects a NRRD header without its blank line', () => expectError(Buffer.from('NRRD0004\ntype: short\n'), 'h.nrrd', /not terminated/));
  it('rejects unsupported NRRD pixel types', () => {
    const header = 'NRRD0004\ntype: long long\ndimension: 3\nsizes: 1 1 1\nencoding: raw\n\n';
    expectError(Buffer.concat([Buffer.from(header), Buffer.alloc(8)]), 'i64.nrrd', /unsupported NRRD pixel type 'long long'/);
  });
  it('rejects 4-D NRRD', () => {
    const header = 'NRRD0004\ntype: short\ndimension: 4\nsizes: 1 1 1 2\nencoding: raw\n\n';
    expectError(Buffer.concat([Buffer.from(header), Buffer.alloc(4)]), 'four.nrrd', /only 3-D scalar NRRD/);
  });
  it('rejects unsupported NIfTI pixel types', () => {
    const bytes = buildNifti({ dims: [2, 2, 2], datatype: 1024, bitpix: 64, pixdim: [1, 1, 1, 1] }, []);
    expectError(Buffer.concat([bytes, Buffer.alloc(64)]), 'i64.nii', /unsupported NIfTI pixel type int64/);
    const rgb = buildNifti({ dims: [2, 2, 2], datatype: 128, bitpix: 24, pixdim: [1, 1, 1, 1] }, []);
    expectError(Buffer.concat([rgb, Buffer.alloc(24)]), 'rgb.nii', /unsupported NIfTI pixel type RGB24/);
  });
  it('rejects a truncated NIfTI', () => {
    const bytes = buildNifti({ dims: [4, 4, 4], datatype: 4, bitpix: 16, pixdim: [1, 1, 1, 1] }, new Array(64).fill(1));
    expectError(bytes.subarray(0, 400), 'cut.nii', /truncated: expected 128 bytes of int16 data, found 48/);
    expectError(gzipSync(bytes).subarray(0, 60), 'cut.nii.gz', /gzip data is corrupt or truncated/);
    expectError(bytes.subarray(0, 200), 'tiny.nii', /too short for a NIfTI header/);
  });
  it('rejects unknown formats and missing files', async () => {
    expectError(Buffer.from('hello world, not an image'), 'x.mha', /unrecognised volume format/);
    await expect(readVolume('/nonexistent/image.nrrd')).rejects.toThrow(/cannot read volume '\/nonexistent\/image.nrrd'/);
  });
});
