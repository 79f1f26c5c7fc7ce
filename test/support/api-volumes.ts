// Tiny NRRD volumes written in test code: raw little-endian data with ITK geometry fields.
export interface TinyVolume {
  size: [number, number, number];
  spacing?: [number, number, number];
  origin?: [number, number, number];
  /** 'short' for images, 'unsigned char' for masks. */
  type: 'short' | 'unsigned char';
  /** Voxel value at (x, y, z). */
  value: (x: number, y: number, z: number) => number;
}

export function nrrd(volume: TinyVolume): Buffer {
  const [nx, ny, nz] = volume.size;
  const [sx, sy, sz] = volume.spacing ?? [0.8, 0.8, 2.5];
  const origin = volume.origin ?? [-10, -12, 30];
  const header = [
    'NRRD0004', `type: ${volume.type}`, 'dimension: 3', 'space: left-posterior-superior', `sizes: ${nx} ${ny} ${nz}`,
    `space directions: (${sx},0,0) (0,${sy},0) (0,0,${sz})`, 'kinds: domain domain domain', 'endian: little', 'encoding: raw',
    `space origin: (${origin.join(',')})`, '', '',
  ].join('\n');
  const bytesPer = volume.type === 'short' ? 2 : 1;
  const data = Buffer.alloc(nx * ny * nz * bytesPer);
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const v = volume.value(x, y, z);
        if (bytesPer === 2) data.writeInt16LE(v, i * 2);
        else data.writeUInt8(v, i);
        i++;
      }
    }
  }
  return Buffer.concat([Buffer.from(header, 'latin1'), data]);
}

/** A small CT-like image, distinct per `seed` (so different patients get different bytes). */
export function tinyImage(seed: number, size: [number, number, number] = [12, 10, 6]): Buffer {
  return nrrd({ size, type: 'short', value: (x, y, z) => ((x * 31 + y * 17 + z * 7 + seed * 13) % 200) - 100 });
}

/** A box mask with label `label` inside [lo, hi) on each axis. */
export function boxMask(lo: [number, number, number], hi: [number, number, number], label = 1, size: [number, number, number] = [12, 10, 6], spacing?: [number, number, number]): Buffer {
  return nrrd({
    size, spacing, type: 'unsigned char',
    value: (x, y, z) => (x >= lo[0] && x < hi[0] && y >= lo[1] && y < hi[1] && z >= lo[2] && z < hi[2] ? label : 0),
  });
}
