// Minimal reader for numpy .npy files (version 1/2/3, little-endian float64 / int64 / int32, C or Fortran
// order), used to compare our matrices with PyRadiomics' saved ones. Returns the data in C order.
import { readFileSync } from 'node:fs';

export interface NpyArray {
  shape: number[];
  /** Values in C (row-major) order, whatever the file's order. */
  data: Float64Array;
}

const DTYPES: Record<string, { bytes: number; read: (view: DataView, offset: number) => number }> = {
  '<f8': { bytes: 8, read: (v, o) => v.getFloat64(o, true) },
  '<f4': { bytes: 4, read: (v, o) => v.getFloat32(o, true) },
  '<i8': { bytes: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  '<i4': { bytes: 4, read: (v, o) => v.getInt32(o, true) },
  '|u1': { bytes: 1, read: (v, o) => v.getUint8(o) },
};

export function readNpy(path: string): NpyArray {
  const bytes = readFileSync(path);
  if (bytes.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error(`${path}: not a .npy file`);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = bytes.toString('latin1', headerStart, headerStart + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new Error(`${path}: unreadable .npy header`);
  const dtype = DTYPES[descr];
  if (!dtype) throw new Error(`${path}: unsupported dtype ${descr}`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset + headerStart + headerLength, count * dtype.bytes);
  const data = new Float64Array(count);
  // Strides of the file's order, used to place each stored element at its C-order position.
  const cStrides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const index = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < count; k++) {
    const value = dtype.read(view, k * dtype.bytes);
    if (!fortran) {
      data[k] = value;
      continue;
    }
    let position = 0;
    for (let d = 0; d < shape.length; d++) position += index[d] * cStrides[d];
    data[position] = value;
    for (let d = 0; d < shape.length; d++) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return { shape, data };
}
