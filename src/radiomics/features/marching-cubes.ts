// PyRadiomics' marching-cubes mesh of a binary mask (radiomics/src/cshape.c, calculate_coefficients):
// surface area, signed mesh volume and the mesh vertices used for the diameters. Arithmetic is done in the
// same order as the C code so that the sums agree to the last bit.
import { CUBE_CORNERS, CUBE_TRIANGLES, EDGE_VERTICES } from './marching-cubes-tables.js';

/** A binary mask in numpy (z, y, x) C order with a zero border: `data[x + nx * (y + ny * z)]`. */
export interface PaddedMask {
  data: Uint8Array;
  /** Voxels along x, y, z (including the border). */
  size: readonly [number, number, number];
}

export interface MeshMeasures {
  surfaceArea: number;
  volume: number;
  /** Mesh vertices as (z, y, x) physical triples, each grid edge once: length 3 × vertex count. */
  vertices: Float64Array;
}

// Edges whose vertices are kept for the diameters (each grid edge belongs to exactly one cube this way),
// and the corner whose bit tells (after the complement) whether that edge is cut.
const DIAMETER_EDGES = [6, 7, 11] as const;
const DIAMETER_EDGE_CORNERS = [6, 4, 3] as const;

/**
 * Marching cubes over every 2×2×2 cube of the mask. `spacing` is (sz, sy, sx) in mm, numpy order.
 */
export function meshMeasures(mask: PaddedMask, spacing: readonly [number, number, number]): MeshMeasures {
  const [nx, ny, nz] = mask.size;
  const data = mask.data;
  const cornerOffsets = CUBE_CORNERS.map(([dz, dy, dx]) => dx + nx * (dy + ny * dz));
  const [sz, sy, sx] = spacing;

  let surfaceArea = 0;
  let volume = 0;
  const vertices: number[] = [];
  const a = [0, 0, 0];
  const b = [0, 0, 0];
  const c = [0, 0, 0];

  for (let iz = 0; iz < nz - 1; iz++) {
    for (let iy = 0; iy < ny - 1; iy++) {
      const rowBase = nx * (iy + ny * iz);
      for (let ix = 0; ix < nx - 1; ix++) {
        const base = rowBase + ix;
        let cubeIndex = 0;
        for (let corner = 0; corner < 8; corner++) {
          if (data[base + cornerOffsets[corner]]) cubeIndex |= 1 << corner;
        }
        let sign = 1;
        if (cubeIndex & 0x80) {
          cubeIndex ^= 0xff;
          sign = -1;
        }

        for (let t = 0; t < 3; t++) {
          if (cubeIndex & (1 << DIAMETER_EDGE_CORNERS[t])) {
            const v = EDGE_VERTICES[DIAMETER_EDGES[t]];
            vertices.push((iz + v[0]) * sz, (iy + v[1]) * sy, (ix + v[2]) * sx);
          }
        }
        if (cubeIndex === 0) continue;

        const triangles = CUBE_TRIANGLES[cubeIndex];
        for (let t = 0; t < triangles.length; t += 3) {
          const va = EDGE_VERTICES[triangles[t]];
          const vb = EDGE_VERTICES[triangles[t + 1]];
          const vc = EDGE_VERTICES[triangles[t + 2]];
          a[0] = (iz + va[0]) * sz; a[1] = (iy + va[1]) * sy; a[2] = (ix + va[2]) * sx;
          b[0] = (iz + vb[0]) * sz; b[1] = (iy + vb[1]) * sy; b[2] = (ix + vb[2]) * sx;
          c[0] = (iz + vc[0]) * sz; c[1] = (iy + vc[1]) * sy; c[2] = (ix + vc[2]) * sx;

          // Signed volume of the tetrahedron (origin, a, b, c), ×6: (a × b) · c.
          const abz = a[1] * b[2] - b[1] * a[2];
          const aby = a[2] * b[0] - b[2] * a[0];
          const abx = a[0] * b[1] - b[0] * a[1];
          volume += sign * (abz * c[0] + aby * c[1] + abx * c[2]);

          // Triangle area: half the norm of (a − c) × (b − c).
          for (let d = 0; d < 3; d++) {
            a[d] -= c[d];
            b[d] -= c[d];
          }
          let nz2 = a[1] * b[2] - b[1] * a[2];
          let ny2 = a[2] * b[0] - b[2] * a[0];
          let nx2 = a[0] * b[1] - b[0] * a[1];
          nz2 *= nz2;
          ny2 *= ny2;
          nx2 *= nx2;
          surfaceArea += 0.5 * Math.sqrt(nz2 + ny2 + nx2);
        }
      }
    }
  }
  return { surfaceArea, volume: volume / 6, vertices: Float64Array.from(vertices) };
}
