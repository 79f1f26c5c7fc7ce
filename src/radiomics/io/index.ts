// Volume reading: NRRD (.nrrd with attached data, .nhdr with detached data) and NIfTI-1 (.nii, .nii.gz),
// decoded by our own small readers into ITK's geometry conventions (see docs/radiomics.md for why not itk-wasm).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Volume } from '../types.js';
import { VolumeFormatError } from '../errors.js';
import { readNrrd } from './nrrd.js';
import { isNifti1, readNifti } from './nifti.js';

export { BYTES_PER_PIXEL } from './pixels.js';

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function startsWithNrrd(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) === 'NRRD';
}

function decodeVolume(bytes: Uint8Array, fileName: string, loadDetached?: (name: string) => Uint8Array): Volume {
  const what = basename(fileName);
  if (startsWithNrrd(bytes)) return readNrrd(bytes, what, loadDetached);
  if (isGzip(bytes)) {
    let inflated: Uint8Array;
    try {
      inflated = gunzipSync(bytes);
    } catch (err) {
      throw new VolumeFormatError(`${what}: gzip data is corrupt or truncated (${(err as Error).message})`);
    }
    if (isNifti1(inflated) || /\.nii\.gz$/i.test(fileName)) return readNifti(inflated, what);
    throw new VolumeFormatError(`${what}: gzip-compressed file is not a NIfTI-1 volume`);
  }
  if (isNifti1(bytes) || /\.nii$/i.test(fileName)) return readNifti(bytes, what);
  throw new VolumeFormatError(`${what}: unrecognised volume format (supported: NRRD .nrrd/.nhdr, NIfTI-1 .nii/.nii.gz)`);
}

/** Decodes a volume held in memory; `fileName` is used for messages and as a format hint. */
export function readVolumeBytes(bytes: Uint8Array, fileName: string): Volume {
  return decodeVolume(bytes, fileName);
}

/** Reads a volume file (NRRD or NIfTI-1); detached NRRD data is looked up beside the header. */
export async function readVolume(path: string): Promise<Volume> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new VolumeFormatError(`cannot read volume '${path}': ${(err as Error).message}`);
  }
  return decodeVolume(bytes, path, (name) => {
    const dataPath = resolve(dirname(path), name);
    try {
      return readFileSync(dataPath);
    } catch (err) {
      throw new VolumeFormatError(`${basename(path)}: cannot read detached data file '${dataPath}': ${(err as Error).message}`);
    }
  });
}
