// NRRD reader (format spec: teem.sourceforge.net/nrrd/format.html), following ITK's NrrdImageIO for the
// geometry: spacing = norm of each `space directions` vector, direction = vector × (1/norm), and RAS/LAS
// spaces converted to ITK's LPS by negating components (notes §1.1).
import { gunzipSync } from 'node:zlib';
import type { PixelType, Vec3, Volume, VoxelArray } from '../types.js';
import { VolumeFormatError } from '../errors.js';
import { adoptVoxels, allocateVoxels, BYTES_PER_PIXEL, decodeVoxels } from './pixels.js';

const TYPE_NAMES: Record<string, PixelType> = {};
for (const [type, names] of Object.entries({
  int8: ['signed char', 'int8', 'int8_t'],
  uint8: ['uchar', 'unsigned char', 'uint8', 'uint8_t'],
  int16: ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t'],
  uint16: ['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t'],
  int32: ['int', 'signed int', 'int32', 'int32_t'],
  uint32: ['uint', 'unsigned int', 'uint32', 'uint32_t'],
  float32: ['float'],
  float64: ['double'],
}) as [PixelType, string[]][]) {
  for (const name of names) TYPE_NAMES[name] = type;
}

/** Space names whose axes differ in sign from LPS: which of the 3 components to negate. */
const TO_LPS_SIGNS: Record<string, Vec3> = {
  'right-anterior-superior': [-1, -1, 1], ras: [-1, -1, 1],
  'left-anterior-superior': [1, -1, 1], las: [1, -1, 1],
  'left-posterior-superior': [1, 1, 1], lps: [1, 1, 1],
};

export interface NrrdHeader {
  fields: Map<string, string>;
  dataOffset: number;
}

/** Splits the header (up to the first blank line) into lower-cased field names and raw values. */
export function parseNrrdHeader(bytes: Uint8Array, what: string): NrrdHeader {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (!/^NRRD000[1-5]$/.test(magic)) throw new VolumeFormatError(`${what}: not a NRRD file (magic '${magic.replace(/[^\x20-\x7e]/g, '?')}')`);
  const fields = new Map<string, string>();
  let pos = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) {
      // A header that runs to the end of the file is only valid with detached data.
      if (fields.has('data file') || fields.has('datafile')) return { fields, dataOffset: bytes.length };
      throw new VolumeFormatError(`${what}: NRRD header is not terminated by a blank line (truncated file?)`);
    }
    const line = Buffer.from(bytes.subarray(pos, end)).toString('latin1').replace(/\r$/, '');
    pos = end + 1;
    if (line === '') return { fields, dataOffset: pos };
    if (line.startsWith('#') || line.startsWith('NRRD') || line.includes(':=')) continue;
    const colon = line.indexOf(': ');
    if (colon < 0) throw new VolumeFormatError(`${what}: malformed NRRD header line '${line}'`);
    fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 2).trim());
  }
}

function parseVector(text: string, what: string, field: string): Vec3 | null {
  if (text === 'none') return null;
  const m = /^\(\s*([^,()]+),\s*([^,()]+),\s*([^,()]+)\)$/.exec(text);
  const v = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
  if (v.length !== 3 || v.some((x) => !Number.isFinite(x))) {
    throw new VolumeFormatError(`${what}: NRRD field '${field}' has a bad 3-vector '${text}'`);
  }
  return v as Vec3;
}

function splitVectors(text: string): string[] {
  return text.match(/\([^)]*\)|none/g) ?? [];
}

/** Reads a NRRD (attached data; or detached data via `loadDetached(name)`) into an ITK-style volume. */
export function readNrrd(bytes: Uint8Array, what: string, loadDetached?: (name: string) => Uint8Array): Volume {
  const { fields, dataOffset } = parseNrrdHeader(bytes, what);
  const get = (name: string): string | undefined => fields.get(name);
  const need = (name: string): string => {
    const v = get(name);
    if (v === undefined) throw new VolumeFormatError(`${what}: NRRD header lacks the required field '${name}'`);
    return v;
  };

  const typeName = need('type').toLowerCase();
  const pixelType = TYPE_NAMES[typeName];
  if (!pixelType) throw new VolumeFormatError(`${what}: unsupported NRRD pixel type '${typeName}' (supported: 8/16/32-bit integers, float, double)`);
  const dimension = Number(need('dimension'));
  const sizes = need('sizes').split(/\s+/).map(Number);
  if (dimension !== 3 || sizes.length !== 3) {
    throw new VolumeFormatError(`${what}: only 3-D scalar NRRD volumes are supported (dimension ${dimension}, sizes '${get('sizes')}')`);
  }
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new VolumeFormatError(`${what}: bad NRRD sizes '${get('sizes')}'`);
  const size = sizes as Vec3;

  const { spacing, origin, direction } = nrrdGeometry(fields, what);

  const encoding = (get('encoding') ?? 'raw').toLowerCase();
  const endian = (get('endian') ?? 'little').toLowerCase();
  if (endian !== 'little' && endian !== 'big') throw new VolumeFormatError(`${what}: bad NRRD endian '${endian}'`);
  const dataFile = get('data file') ?? get('datafile');
  let payload: Uint8Array;
  if (dataFile !== undefined) {
    if (!loadDetached) throw new VolumeFormatError(`${what}: detached NRRD data ('data file: ${dataFile}') can only be read from a file path`);
    if (/^LIST|%/.test(dataFile) || dataFile.split(/\s+/).length > 1) {
      throw new VolumeFormatError(`${what}: multi-file NRRD data ('data file: ${dataFile}') is not supported`);
    }
    payload = loadDetached(dataFile);
  } else {
    payload = bytes.subarray(dataOffset);
  }
  const byteSkip = Number(get('byte skip') ?? 0);
  if (get('line skip') && Number(get('line skip')) !== 0) throw new VolumeFormatError(`${what}: NRRD 'line skip' is not supported`);
  const count = size[0] * size[1] * size[2];

  let data: VoxelArray;
  if (encoding === 'raw') {
    data = decodeVoxels(payload, byteSkip >= 0 ? byteSkip : payload.length - count * BYTES_PER_PIXEL[pixelType], count, pixelType, endian === 'little', what);
  } else if (encoding === 'gzip' || encoding === 'gz') {
    const expected = count * BYTES_PER_PIXEL[pixelType];
    let raw: Uint8Array;
    try {
      // One output chunk of the expected size (plus room to notice a longer stream) instead of zlib's 16 KB
      // chunks and their final concatenation.
      raw = gunzipSync(payload.subarray(Math.max(0, byteSkip)), { chunkSize: expected + 1024 });
    } catch (err) {
      throw new VolumeFormatError(`${what}: gzip voxel data is corrupt or truncated (${(err as Error).message})`);
    }
    if (raw.length !== expected) {
      throw new VolumeFormatError(`${what}: gzip voxel data holds ${raw.length} bytes, expected ${expected} (${size.join('×')} ${pixelType})`);
    }
    data = adoptVoxels(raw, count, pixelType, endian === 'little', what);
  } else if (encoding === 'ascii' || encoding === 'text' || encoding === 'txt') {
    const values = Buffer.from(payload).toString('latin1').trim().split(/[\s,]+/).map(Number);
    if (values.length !== count || values.some((v) => Number.isNaN(v))) {
      throw new VolumeFormatError(`${what}: ASCII voxel data holds ${values.length} values, expected ${count}`);
    }
    data = allocateVoxels(pixelType, count);
    data.set(values);
  } else {
    throw new VolumeFormatError(`${what}: unsupported NRRD encoding '${encoding}' (supported: raw, gzip, ascii)`);
  }
  return { size, spacing, origin, direction, pixelType, data };
}

function nrrdGeometry(fields: Map<string, string>, what: string): { spacing: Vec3; origin: Vec3; direction: number[] } {
  const spaceName = fields.get('space')?.toLowerCase();
  const spaceDirections = fields.get('space directions');
  const spacings = fields.get('spacings');
  if (spaceName === undefined && fields.get('space dimension') === undefined) {
    // No space information: spacing from `spacings` (1 when absent or nan), identity direction, zero origin.
    const s = (spacings ?? '1 1 1').split(/\s+/).map(Number).map((v) => (Number.isFinite(v) ? v : 1));
    if (s.length !== 3) throw new VolumeFormatError(`${what}: bad NRRD spacings '${spacings}'`);
    return { spacing: s as Vec3, origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  }
  if (spacings !== undefined) throw new VolumeFormatError(`${what}: NRRD has both 'spacings' and space fields (ITK rejects this)`);
  const signs = (spaceName && TO_LPS_SIGNS[spaceName]) || [1, 1, 1];
  const vectors = spaceDirections ? splitVectors(spaceDirections).map((t) => parseVector(t, what, 'space directions')) : [];
  if (spaceDirections && vectors.length !== 3) throw new VolumeFormatError(`${what}: NRRD 'space directions' must have 3 vectors ('${spaceDirections}')`);
  const spacing: Vec3 = [1, 1, 1];
  const direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  vectors.forEach((v, axis) => {
    if (!v) throw new VolumeFormatError(`${what}: NRRD axis ${axis} has no space direction ('none')`);
    const norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (!(norm > 0)) throw new VolumeFormatError(`${what}: NRRD space direction of axis ${axis} is zero`);
    const inv = 1 / norm;
    spacing[axis] = norm;
    for (let i = 0; i < 3; i++) direction[i * 3 + axis] = v[i] * inv * signs[i];
  });
  const originText = fields.get('space origin');
  const o = originText ? parseVector(originText, what, 'space origin') : null;
  const origin: Vec3 = o ? [o[0] * signs[0], o[1] * signs[1], o[2] * signs[2]] : [0, 0, 0];
  return { spacing, origin, direction };
}
