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

// The tables flattened once into typed arrays, so that the cube loop reads numbers, not nested arrays:
// the triangles of cube index k are the edge triples TRIANGLE_EDGES[TRIANGLE_START[k] .. TRIANGLE_START[k + 1]).
const TRIANGLE_START = new Int32Array(CUBE_TRIANGLES.length + 1);
CUBE_TRIANGLES.forEach((t, k) => { TRIANGLE_START[k + 1] = TRIANGLE_START[k] + t.length; });
const TRIANGLE_EDGES = Uint8Array.from(CUBE_TRIANGLES.flat());
const EDGE_Z = Float64Array.from(EDGE_VERTICES, (v) => v[0]);
const EDGE_Y = Float64Array.from(EDGE_VERTICES, (v) => v[1]);
const EDGE_X = Float64Array.from(EDGE_VERTICES, (v) => v[2]);

/** A Float64Array that grows by doubling (the vertex count is not known before the pass). */
class VertexBuffer {
  data = new Float64Array(3 * 1024);
  length = 0;

  push(z: number, y: number, x: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Float64Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = z;
    this.data[this.length + 1] = y;
    this.data[this.length + 2] = x;
    this.length += 3;
  }
}

/**
 * Marching cubes over every 2×2×2 cube of the mask. `spacing` is (sz, sy, sx) in mm, numpy order.
 */
export function meshMeasures(mask: PaddedMask, spacing: readonly [number, number, number]): MeshMeasures {
  const [nx, ny, nz] = mask.size;
  const [sz, sy, sx] = spacing;
  const vertices = new VertexBuffer();
  const sums = cubeSums(mask.data, nx, ny, nz, sz, sy, sx, vertices);
  return { surfaceArea: sums[0], volume: sums[1] / 6, vertices: vertices.data.slice(0, vertices.length) };
}

/**
 * The loop over cubes: [surface area, 6 × signed volume]; the diameters' vertices go to `vertices`.
 * Each term is computed as in the C code (same operations, same order) so that the sums agree bit for bit.
 */
function cubeSums(
  data: Uint8Array, nx: number, ny: number, nz: number, sz: number, sy: number, sx: number, vertices: VertexBuffer,
): [number, number] {
  const cornerOffsets = Int32Array.from(CUBE_CORNERS, ([dz, dy, dx]) => dx + nx * (dy + ny * dz));
  let surfaceArea = 0;
  let volume = 0;
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
            const e = DIAMETER_EDGES[t];
            vertices.push((iz + EDGE_Z[e]) * sz, (iy + EDGE_Y[e]) * sy, (ix + EDGE_X[e]) * sx);
          }
        }

        for (let t = TRIANGLE_START[cubeIndex], end = TRIANGLE_START[cubeIndex + 1]; t < end; t += 3) {
          const ea = TRIANGLE_EDGES[t];
          const eb = TRIANGLE_EDGES[t + 1];
          const ec = TRIANGLE_EDGES[t + 2];
          let a0 = (iz + EDGE_Z[ea]) * sz, a1 = (iy + EDGE_Y[ea]) * sy, a2 = (ix + EDGE_X[ea]) * sx;
          let b0 = (iz + EDGE_Z[eb]) * sz, b1 = (iy + EDGE_Y[eb]) * sy, b2 = (ix + EDGE_X[eb]) * sx;
          const c0 = (iz + EDGE_Z[ec]) * sz, c1 = (iy + EDGE_Y[ec]) * sy, c2 = (ix + EDGE_X[ec]) * sx;

          // Signed volume of the tetrahedron (origin, a, b, c), ×6: (a × b) · c.
          const abz = a1 * b2 - b1 * a2;
          const aby = a2 * b0 - b2 * a0;
          const abx = a0 * b1 - b0 * a1;
          volume += sign * (abz * c0 + aby * c1 + abx * c2);

          // Triangle area: half the norm of (a − c) × (b − c).
          a0 -= c0; a1 -= c1; a2 -= c2;
          b0 -= c0; b1 -= c1; b2 -= c2;
          let nz2 = a1 * b2 - b1 * a2;
          let ny2 = a2 * b0 - b2 * a0;
          let nx2 = a0 * b1 - b0 * a1;
          nz2 *= nz2;
          ny2 *= ny2;
          nx2 *= nx2;
          surfaceArea += 0.5 * Math.sqrt(nz2 + ny2 + nx2);
        }
      }
    }
  }
  return [surfaceArea, volume];
}
