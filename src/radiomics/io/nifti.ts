// NIfTI-1 reader (.nii, .nii.gz) reproducing what ITK's NiftiImageIO hands to SimpleITK (notes §1.2):
// spacing from pixdim (× unit scale), sform/qform choice, RAS → LPS, float32 matrices widened to double,
// and scl_slope/scl_inter rescaling that promotes integer data to float32.
import type { PixelType, Vec3, Volume, VoxelArray } from '../types.js';
import { VolumeFormatError } from '../errors.js';
import { allocateVoxels, decodeVoxels } from './pixels.js';

const DATATYPES: Record<number, PixelType> = {
  2: 'uint8', 4: 'int16', 8: 'int32', 16: 'float32', 64: 'float64', 256: 'int8', 512: 'uint16', 768: 'uint32',
};
const UNSUPPORTED_DATATYPES: Record<number, string> = {
  1: 'binary', 32: 'complex64', 128: 'RGB24', 1024: 'int64', 1280: 'uint64', 1536: 'float128', 1792: 'complex128', 2048: 'complex256', 2304: 'RGBA32',
};

/** 4×4 matrix as NIfTI's mat44 (float32 entries), row-major. */
type Mat44 = number[][];

const f32 = Math.fround;
/** nifti1_io's FIXED_FLOAT: non-finite header floats read as 0. */
const fixed = (x: number): number => (Number.isFinite(x) ? x : 0);

export function isNifti1(bytes: Uint8Array): boolean {
  if (bytes.length < 348) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getInt32(0, true) === 348 || view.getInt32(0, false) === 348;
}

export function readNifti(bytes: Uint8Array, what: string): Volume {
  if (bytes.length < 348) throw new VolumeFormatError(`${what}: file too short for a NIfTI header (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = view.getInt32(0, true);
  if (headerSize === 540 || view.getInt32(0, false) === 540) throw new VolumeFormatError(`${what}: NIfTI-2 files are not supported (convert to NIfTI-1)`);
  const le = headerSize === 348;
  if (!le && view.getInt32(0, false) !== 348) throw new VolumeFormatError(`${what}: not a NIfTI-1 file (sizeof_hdr ${headerSize})`);
  const magic = String.fromCharCode(...bytes.subarray(344, 347));
  if (magic === 'ni1') throw new VolumeFormatError(`${what}: two-file NIfTI (.hdr/.img) is not supported; use a single .nii or .nii.gz`);
  if (magic !== 'n+1') throw new VolumeFormatError(`${what}: bad NIfTI-1 magic '${magic.replace(/[^\x20-\x7e]/g, '?')}' (Analyze 7.5 is not supported)`);

  const i16 = (o: number): number => view.getInt16(o, le);
  const f = (o: number): number => fixed(view.getFloat32(o, le));

  const dim = Array.from({ length: 8 }, (_, k) => i16(40 + 2 * k));
  let realDims = dim[0];
  while (realDims > 3 && dim[realDims] === 1) realDims--;
  if (realDims !== 3) throw new VolumeFormatError(`${what}: only 3-D scalar NIfTI volumes are supported (dim = [${dim.join(', ')}])`);
  const size: Vec3 = [dim[1], dim[2], dim[3]];
  if (size.some((s) => s < 1)) throw new VolumeFormatError(`${what}: bad NIfTI dimensions [${dim.join(', ')}]`);

  const datatype = i16(70);
  const diskType = DATATYPES[datatype];
  if (!diskType) {
    throw new VolumeFormatError(`${what}: unsupported NIfTI pixel type ${UNSUPPORTED_DATATYPES[datatype] ?? `code ${datatype}`} (supported: 8/16/32-bit integers, float32, float64)`);
  }
  const intent = i16(68);
  if (intent === 1004 /* GENMATRIX */ || intent === 1005 /* SYMMATRIX */ || intent === 1007 /* VECTOR */) {
    throw new VolumeFormatError(`${what}: NIfTI intent ${intent} (vector/matrix voxels) is not supported`);
  }

  const pixdim = Array.from({ length: 8 }, (_, k) => f(76 + 4 * k));
  const units = bytes[123] & 0x07;
  const unitScale = units === 1 ? 1e3 : units === 3 ? 1e-3 : 1;
  const spacing: Vec3 = [pixdim[1] * unitScale, pixdim[2] * unitScale, pixdim[3] * unitScale];

  const qformCode = i16(252);
  const sformCode = i16(254);
  const { origin, direction } = niftiOrientation(view, le, pixdim, qformCode, sformCode, unitScale, what);

  const voxOffset = Math.max(352, Math.trunc(f(108)));
  const count = size[0] * size[1] * size[2];
  let data: VoxelArray = decodeVoxels(bytes, voxOffset, count, diskType, le, what);
  let pixelType = diskType;

  // ITK: slope ~0 means 1; rescale when slope ≠ 1 or intercept ≠ 0; integer data becomes float32.
  let slope = f(112);
  const intercept = f(116);
  if (Math.abs(slope) < Number.EPSILON) slope = 1;
  if (Math.abs(slope - 1) > Number.EPSILON || Math.abs(intercept) > Number.EPSILON) {
    if (pixelType !== 'float32' && pixelType !== 'float64') {
      const promoted = allocateVoxels('float32', count);
      promoted.set(data);
      data = promoted;
      pixelType = 'float32';
    }
    for (let i = 0; i < count; i++) data[i] = data[i] * slope + intercept;
  }
  return { size, spacing, origin, direction, pixelType, data };
}

function niftiOrientation(
  view: DataView, le: boolean, pixdim: number[], qformCode: number, sformCode: number, unitScale: number, what: string,
): { origin: Vec3; direction: number[] } {
  if (qformCode <= 0 && sformCode <= 0) return { origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const f = (o: number): number => fixed(view.getFloat32(o, le));
  const dx = pixdim[1], dy = pixdim[2], dz = pixdim[3];
  const qto: Mat44 = qformCode > 0
    ? quaternionToMat44(f(256), f(260), f(264), f(268), f(272), f(276), dx, dy, dz, view.getFloat32(76, le) < 0 ? -1 : 1)
    : [[f32(dx), 0, 0, 0], [0, f32(dy), 0, 0], [0, 0, f32(dz), 0], [0, 0, 0, 1]];
  const sto: Mat44 = sformCode > 0
    ? [[f(280), f(284), f(288), f(292)], [f(296), f(300), f(304), f(308)], [f(312), f(316), f(320), f(324)], [0, 0, 0, 1]]
    : [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];

  let preferSform = formsNearlyEqual(sto, qto);
  if (!preferSform || sformCode > 0) {
    if (sformWithoutSkew(sto)) {
      if (qformCode <= 0 && sformCode > 0) preferSform = true;
      else if (sformCode === 1 /* SCANNER_ANAT */) preferSform = true;
      else if (qformCode > 0 && sformCode > 0) preferSform = formsVerySimilar(sto, qto);
    }
  }
  let m: Mat44;
  if (preferSform) m = sto;
  else if (qformCode > 0) m = qto;
  else throw new VolumeFormatError(`${what}: NIfTI sform is not orthonormal and there is no qform (ITK only supports orthonormal directions)`);

  const origin: Vec3 = [-m[0][3] * unitScale, -m[1][3] * unitScale, m[2][3] * unitScale];
  const direction = new Array<number>(9).fill(0);
  for (let j = 0; j < 3; j++) {
    const col = [-m[0][j], -m[1][j], m[2][j]];
    const norm = Math.sqrt(col[0] * col[0] + col[1] * col[1] + col[2] * col[2]);
    for (let i = 0; i < 3; i++) direction[i * 3 + j] = col[i] / norm;
  }
  return { origin, direction };
}

/** nifti1_io's nifti_quatern_to_mat44 (computed in double, stored as float32). */
function quaternionToMat44(
  qb: number, qc: number, qd: number, qx: number, qy: number, qz: number, dx: number, dy: number, dz: number, qfac: number,
): Mat44 {
  let b = qb, c = qc, d = qd;
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-71) {
    a = 1.01 / Math.sqrt(b * b + c * c + d * d);
    b *= a; c *= a; d *= a;
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  const xd = dx > 0 ? dx : 1;
  const yd = dy > 0 ? dy : 1;
  let zd = dz > 0 ? dz : 1;
  if (qfac < 0) zd = -zd;
  return [
    [f32((a * a + b * b - c * c - d * d) * xd), f32(2 * (b * c - a * d) * yd), f32(2 * (b * d + a * c) * zd), f32(qx)],
    [f32(2 * (b * c + a * d) * xd), f32((a * a + c * c - b * b - d * d) * yd), f32(2 * (c * d - a * b) * zd), f32(qy)],
    [f32(2 * (b * d - a * c) * xd), f32(2 * (c * d + a * b) * yd), f32((a * a + d * d - c * c - b * b) * zd), f32(qz)],
    [0, 0, 0, 1],
  ];
}

/** ITK's first test: 3×3 parts within 1e-5 elementwise, translation and bottom row within 1e-7 (1-norm). */
function formsNearlyEqual(s: Mat44, q: Mat44): boolean {
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (Math.abs(s[i][j] - q[i][j]) > 1e-5) return false;
  let t = 0, r = 0;
  for (let i = 0; i < 4; i++) {
    t += Math.abs(s[i][3] - q[i][3]);
    r += Math.abs(s[3][i] - q[3][i]);
  }
  return t <= 1e-7 && r <= 1e-7;
}

function columnNorms(m: Mat44): Vec3 {
  return [0, 1, 2].map((j) => Math.hypot(m[0][j], m[1][j], m[2][j])) as Vec3;
}

/** Affine (bottom row 0 0 0 1, invertible) with a column-normalised 3×3 part orthonormal to 1e-4. */
function sformWithoutSkew(s: Mat44): boolean {
  const bottom = Math.abs(s[3][3] - 1) + Math.abs(s[3][0]) + Math.abs(s[3][1]) + Math.abs(s[3][2]);
  if (bottom > 1.1920928955078125e-7) return false;
  const n = columnNorms(s);
  if (n.some((v) => !(v > 0))) return false;
  const r = [0, 1, 2].map((i) => [0, 1, 2].map((j) => s[i][j] / n[j]));
  for (let i = 0; i < 3; i++) {
    for (let k = 0; k < 3; k++) {
      const dot = r[i][0] * r[k][0] + r[i][1] * r[k][1] + r[i][2] * r[k][2];
      if (Math.abs(dot - (i === k ? 1 : 0)) > 1e-4) return false;
    }
  }
  return true;
}

/**
 * ITK compares the SVDs of the two 3×3 parts (rotation U·U_q⁻¹ ≈ I, singular values, offsets, bottom rows,
 * each to 1e-4). For the orthogonal-times-scale matrices that reach this test, that is the same as comparing
 * unit columns and column norms, which is what is done here (no SVD sign ambiguities).
 */
function formsVerySimilar(s: Mat44, q: Mat44): boolean {
  const ns = columnNorms(s), nq = columnNorms(q);
  for (let j = 0; j < 3; j++) {
    if (Math.abs(ns[j] - nq[j]) > 1e-4) return false;
    for (let i = 0; i < 3; i++) if (Math.abs(s[i][j] / ns[j] - q[i][j] / nq[j]) > 1e-4) return false;
  }
  for (let i = 0; i < 4; i++) {
    if (Math.abs(s[i][3] - q[i][3]) > 1e-4 || Math.abs(s[3][i] - q[3][i]) > 1e-4) return false;
  }
  return true;
}
