// Largest vertex-to-vertex distances of the shape mesh, as PyRadiomics' calculate_meshDiameter defines them
// (all pairs of mesh vertices; for the 2-D diameters only pairs with an equal z, y or x coordinate), but
// without visiting all O(V²) pairs.
//
// Exactness: the squared distance of a pair is computed exactly as the C code does,
// ((az − bz)² + (ay − by)²) + (ax − bx)², and the maximum over pairs does not depend on the visiting order.
// Pairs are skipped only in blocks: the vertices are binned into cells, and a pair of cells is skipped when an
// upper bound of the squared distance of any of its pairs is ≤ the best value found so far. The bound uses
// the same formula on the cells' bounding boxes; IEEE rounding is monotone in each operand, so the computed
// distance of any pair inside the two boxes can never exceed the computed bound. Hence the result equals
// the brute-force maximum bit for bit.

export interface MeshDiameters {
  /** Pairs with equal z (axial plane). */
  slice: number;
  /** Pairs with equal y (coronal plane). */
  column: number;
  /** Pairs with equal x (sagittal plane). */
  row: number;
  /** All pairs. */
  all: number;
}

const BRUTE_FORCE_LIMIT = 96;
const POINTS_PER_CELL = 24;

/** Mesh diameters (mm) of vertices given as (z, y, x) triples. */
export function meshDiameters(vertices: Float64Array): MeshDiameters {
  const all = new Int32Array(vertices.length / 3).map((_, i) => i);
  return {
    slice: Math.sqrt(maxOverPlanes(vertices, 0)),
    column: Math.sqrt(maxOverPlanes(vertices, 1)),
    row: Math.sqrt(maxOverPlanes(vertices, 2)),
    all: Math.sqrt(maxSquaredDistance(vertices, all)),
  };
}

/** Largest squared distance among pairs sharing the same value of coordinate `axis`. */
function maxOverPlanes(vertices: Float64Array, axis: number): number {
  const planes = new Map<number, number[]>();
  for (let i = 0; i < vertices.length / 3; i++) {
    const key = vertices[3 * i + axis];
    let members = planes.get(key);
    if (!members) planes.set(key, (members = []));
    members.push(i);
  }
  let best = 0;
  for (const members of planes.values()) best = maxSquaredDistance(vertices, Int32Array.from(members), best);
  return best;
}

function squaredDistance(v: Float64Array, i: number, j: number): number {
  let dz = v[3 * i] - v[3 * j];
  let dy = v[3 * i + 1] - v[3 * j + 1];
  let dx = v[3 * i + 2] - v[3 * j + 2];
  dz *= dz;
  dy *= dy;
  dx *= dx;
  return dz + dy + dx;
}

/** Largest squared distance among points[a0..a1) × points[b0..b1) (or among a0..a1 itself when b0 < 0). */
function bruteForce(v: Float64Array, ids: Int32Array, a0: number, a1: number, b0: number, b1: number, start: number): number {
  let best = start;
  for (let p = a0; p < a1; p++) {
    const i = ids[p];
    const from = b0 < 0 ? a0 : b0;
    const to = b0 < 0 ? p : b1;
    for (let q = from; q < to; q++) {
      const d = squaredDistance(v, i, ids[q]);
      if (d > best) best = d;
    }
  }
  return best;
}

/** Vertices binned into a grid of cells: cell c holds ids[start[c] .. start[c + 1]) and its bounding box. */
interface Cells {
  ids: Int32Array;
  start: Int32Array;
  /** lo z, y, x then hi z, y, x per cell. */
  box: Float64Array;
  nonEmpty: number[];
}

/** Upper bound of the computed squared distance of any pair taken from two cells (see file comment). */
function boxBound(box: Float64Array, p: number, q: number): number {
  const a = 6 * p;
  const b = 6 * q;
  let dz = Math.max(box[a + 3] - box[b], box[b + 3] - box[a]);
  let dy = Math.max(box[a + 4] - box[b + 1], box[b + 4] - box[a + 1]);
  let dx = Math.max(box[a + 5] - box[b + 2], box[b + 5] - box[a + 2]);
  dz *= dz;
  dy *= dy;
  dx *= dx;
  return dz + dy + dx;
}

/**
 * Largest squared distance between two of the given vertices, or `atLeast` if no pair exceeds it.
 */
function maxSquaredDistance(v: Float64Array, members: Int32Array, atLeast = 0): number {
  if (members.length <= BRUTE_FORCE_LIMIT) return bruteForce(v, members, 0, members.length, -1, -1, atLeast);

  const { ids, start, box, nonEmpty } = binIntoCells(v, members);
  // A good first lower bound: the pairs of vertices extreme along a few directions.
  const extremes = extremeVertices(v, members);
  let best = bruteForce(v, extremes, 0, extremes.length, -1, -1, atLeast);

  // Cell pairs that may beat it, visited by decreasing bound (best then rises fast and prunes the rest).
  const cells = nonEmpty.length;
  const candidates: number[] = [];
  const bounds: number[] = [];
  for (let s = 0; s < cells; s++) {
    for (let t = s; t < cells; t++) {
      const bound = boxBound(box, nonEmpty[s], nonEmpty[t]);
      if (bound > best) {
        bounds.push(bound);
        candidates.push(s * cells + t);
      }
    }
  }
  const order = Array.from(bounds.keys()).sort((x, y) => bounds[y] - bounds[x]);
  for (let k = 0; k < order.length; k++) {
    if (bounds[order[k]] <= best) break;
    const pair = candidates[order[k]];
    const p = nonEmpty[Math.floor(pair / cells)];
    const q = nonEmpty[pair % cells];
    best = p === q
      ? bruteForce(v, ids, start[p], start[p + 1], -1, -1, best)
      : bruteForce(v, ids, start[p], start[p + 1], start[q], start[q + 1], best);
  }
  return best;
}

function binIntoCells(v: Float64Array, members: Int32Array): Cells {
  const n = members.length;
  const lo = new Float64Array([Infinity, Infinity, Infinity]);
  const hi = new Float64Array([-Infinity, -Infinity, -Infinity]);
  for (let m = 0; m < n; m++) {
    const i = 3 * members[m];
    for (let d = 0; d < 3; d++) {
      const value = v[i + d];
      if (value < lo[d]) lo[d] = value;
      if (value > hi[d]) hi[d] = value;
    }
  }
  const extent = [hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]];
  const spanned = extent.filter((e) => e > 0);
  const targetCells = Math.max(1, n / POINTS_PER_CELL);
  const perAxis = spanned.length === 0 ? 1 : Math.pow(targetCells, 1 / spanned.length);
  // Cells along each axis in proportion to its extent (a flat set gets a 2-D grid).
  const geometricMean = Math.pow(spanned.reduce((p, e) => p * e, 1), 1 / Math.max(1, spanned.length));
  const grid = extent.map((e) => (e > 0 ? Math.max(1, Math.round((perAxis * e) / geometricMean)) : 1));
  const cellCount = grid[0] * grid[1] * grid[2];

  const cellOf = new Int32Array(n);
  const start = new Int32Array(cellCount + 1);
  for (let m = 0; m < n; m++) {
    const i = 3 * members[m];
    let key = 0;
    for (let d = 0; d < 3; d++) {
      const k = extent[d] > 0 ? Math.min(grid[d] - 1, Math.floor(((v[i + d] - lo[d]) / extent[d]) * grid[d])) : 0;
      key = key * grid[d] + k;
    }
    cellOf[m] = key;
    start[key + 1]++;
  }
  for (let c = 0; c < cellCount; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cellCount);
  const ids = new Int32Array(n);
  for (let m = 0; m < n; m++) ids[fill[cellOf[m]]++] = members[m];

  const box = new Float64Array(6 * cellCount);
  const nonEmpty: number[] = [];
  for (let c = 0; c < cellCount; c++) {
    if (start[c] === start[c + 1]) continue;
    nonEmpty.push(c);
    for (let d = 0; d < 3; d++) {
      box[6 * c + d] = Infinity;
      box[6 * c + 3 + d] = -Infinity;
    }
    for (let p = start[c]; p < start[c + 1]; p++) {
      for (let d = 0; d < 3; d++) {
        const value = v[3 * ids[p] + d];
        if (value < box[6 * c + d]) box[6 * c + d] = value;
        if (value > box[6 * c + 3 + d]) box[6 * c + 3 + d] = value;
      }
    }
  }
  return { ids, start, box, nonEmpty };
}

/** The 13 directions of the 3×3×3 neighbourhood, one of each ± pair, as (dz, dy, dx) triples. */
const DIRECTIONS = Float64Array.from([-1, 0, 1].flatMap((dz) => [-1, 0, 1].flatMap((dy) => [-1, 0, 1].flatMap((dx) =>
  (dz * 9 + dy * 3 + dx > 0 ? [dz, dy, dx] : [])))));

/** Vertices with the smallest and largest projection on each of the 13 DIRECTIONS (one pass). */
function extremeVertices(v: Float64Array, members: Int32Array): Int32Array {
  const directions = DIRECTIONS.length / 3;
  const minP = new Float64Array(directions).fill(Infinity);
  const maxP = new Float64Array(directions).fill(-Infinity);
  const minI = new Int32Array(directions).fill(members[0]);
  const maxI = new Int32Array(directions).fill(members[0]);
  for (let m = 0; m < members.length; m++) {
    const i = members[m];
    const z = v[3 * i];
    const y = v[3 * i + 1];
    const x = v[3 * i + 2];
    for (let d = 0; d < directions; d++) {
      const proj = DIRECTIONS[3 * d] * z + DIRECTIONS[3 * d + 1] * y + DIRECTIONS[3 * d + 2] * x;
      if (proj < minP[d]) { minP[d] = proj; minI[d] = i; }
      if (proj > maxP[d]) { maxP[d] = proj; maxI[d] = i; }
    }
  }
  return Int32Array.from(new Set([...minI, ...maxI]));
}
