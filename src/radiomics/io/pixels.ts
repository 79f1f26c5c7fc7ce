// Pixel types on disk: sizes, typed-array constructors and endian-aware decoding of a voxel buffer.
import type { PixelType, VoxelArray } from '../types.js';
import { VolumeFormatError } from '../errors.js';

export const BYTES_PER_PIXEL: Record<PixelType, number> = {
  int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4, float64: 8,
};

interface VoxelArrayConstructor {
  new (length: number): VoxelArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): VoxelArray;
}

const CONSTRUCTORS: Record<PixelType, VoxelArrayConstructor> = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array,
};

/** A zero-filled voxel array of the given pixel type. */
export function allocateVoxels(pixelType: PixelType, length: number): VoxelArray {
  return new CONSTRUCTORS[pixelType](length);
}

/**
 * Copies `count` voxels of `pixelType` starting at `offset` in `bytes` into a new, aligned typed array,
 * swapping bytes when the file's byte order differs from the machine's (little endian everywhere Node runs).
 */
export function decodeVoxels(
  bytes: Uint8Array, offset: number, count: number, pixelType: PixelType, littleEndian: boolean, what: string,
): VoxelArray {
  const width = BYTES_PER_PIXEL[pixelType];
  const needed = count * width;
  if (offset + needed > bytes.length) {
    throw new VolumeFormatError(
      `${what}: voxel data is truncated: expected ${needed} bytes of ${pixelType} data, found ${Math.max(0, bytes.length - offset)}`,
    );
  }
  const out = allocateVoxels(pixelType, count);
  const outBytes = new Uint8Array(out.buffer, out.byteOffset, needed);
  outBytes.set(bytes.subarray(offset, offset + needed));
  if (!littleEndian && width > 1) swapBytes(outBytes, width);
  return out;
}

/**
 * The voxels of a freshly decompressed buffer that nothing else holds: viewed in place when it is aligned and
 * in the machine's byte order (no copy of a whole volume), otherwise decoded as decodeVoxels does.
 */
export function adoptVoxels(bytes: Uint8Array, count: number, pixelType: PixelType, littleEndian: boolean, what: string): VoxelArray {
  const width = BYTES_PER_PIXEL[pixelType];
  if ((littleEndian || width === 1) && bytes.byteOffset % width === 0 && bytes.length === count * width) {
    return new CONSTRUCTORS[pixelType](bytes.buffer, bytes.byteOffset, count);
  }
  return decodeVoxels(bytes, 0, count, pixelType, littleEndian, what);
}

function swapBytes(data: Uint8Array, width: number): void {
  for (let i = 0; i < data.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = data[a];
      data[a] = data[b];
      data[b] = t;
    }
  }
}
