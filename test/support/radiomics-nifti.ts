// Builds NIfTI-1 files byte by byte for reader tests, so that every header field (qform, sform, units,
// scaling, byte order) can be set independently of any writer's choices.
import { gzipSync } from 'node:zlib';

export interface NiftiFields {
  dims: number[];               // dim[1..], e.g. [nx, ny, nz] or [nx, ny, nz, 1]
  datatype: number;             // NIfTI code: 2 uint8, 4 int16, 8 int32, 16 float32, 64 float64, 256 int8, 512 uint16, 768 uint32
  bitpix: number;
  pixdim: number[];             // pixdim[0..3]: qfac, dx, dy, dz
  xyztUnits?: number;           // default 2 (mm)
  sclSlope?: number;
  sclInter?: number;
  qformCode?: number;
  sformCode?: number;
  quatern?: [number, number, number];
  qoffset?: [number, number, number];
  srow?: [number[], number[], number[]];
  bigEndian?: boolean;
  gzip?: boolean;
}

/** Little- or big-endian NIfTI-1 single file (n+1, vox_offset 352) holding `values` in the given datatype. */
export function buildNifti(fields: NiftiFields, values: ArrayLike<number>): Uint8Array {
  const le = !fields.bigEndian;
  const bytesPer = fields.bitpix / 8;
  const out = new Uint8Array(352 + values.length * bytesPer);
  const v = new DataView(out.buffer);
  v.setInt32(0, 348, le);
  v.setInt16(40, fields.dims.length, le);
  fields.dims.forEach((d, k) => v.setInt16(42 + 2 * k, d, le));
  for (let k = fields.dims.length; k < 7; k++) v.setInt16(42 + 2 * k, 1, le);
  v.setInt16(70, fields.datatype, le);
  v.setInt16(72, fields.bitpix, le);
  fields.pixdim.forEach((p, k) => v.setFloat32(76 + 4 * k, p, le));
  v.setFloat32(108, 352, le);
  v.setFloat32(112, fields.sclSlope ?? 0, le);
  v.setFloat32(116, fields.sclInter ?? 0, le);
  out[123] = fields.xyztUnits ?? 2;
  v.setInt16(252, fields.qformCode ?? 0, le);
  v.setInt16(254, fields.sformCode ?? 0, le);
  (fields.quatern ?? [0, 0, 0]).forEach((q, k) => v.setFloat32(256 + 4 * k, q, le));
  (fields.qoffset ?? [0, 0, 0]).forEach((q, k) => v.setFloat32(268 + 4 * k, q, le));
  (fields.srow ?? [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]).forEach((row, r) => row.forEach((x, k) => v.setFloat32(280 + 16 * r + 4 * k, x, le)));
  out.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0"
  for (let i = 0; i < values.length; i++) {
    const o = 352 + i * bytesPer;
    switch (fields.datatype) {
      case 2: v.setUint8(o, values[i]); break;
      case 256: v.setInt8(o, values[i]); break;
      case 4: v.setInt16(o, values[i], le); break;
      case 512: v.setUint16(o, values[i], le); break;
      case 8: v.setInt32(o, values[i], le); break;
      case 768: v.setUint32(o, values[i], le); break;
      case 16: v.setFloat32(o, values[i], le); break;
      case 64: v.setFloat64(o, values[i], le); break;
      default: break; // other codes: header-only tests
    }
  }
  return fields.gzip ? gzipSync(out) : out;
}
