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
  const count = vertices.length / 3;
  const all = Array.from({ length: count }, (_, i) => i);
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
  for (const members of planes.values()) best = Math.max(best, maxSquaredDistance(vertices, members, best));
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

function bruteForce(v: Float64Array, a: number[], b: number[] | null, start: number): number {
  let best = start;
  if (b === null) {
    for (let p = 1; p < a.length; p++) {
      for (let q = 0; q < p; q++) {
        const d = squaredDistance(v, a[p], a[q]);
        if (d > best) best = d;
      }
    }
  } else {
    for (const i of a) {
      for (const j of b) {
        const d = squaredDistance(v, i, j);
        if (d > best) best = d;
      }
    }
  }
  return best;
}

interface Cell {
  members: number[];
  lo: [number, number, number];
  hi: [number, number, number];
}

/** Upper bound of the computed squared distance of any pair taken from the two boxes (see file comment). */
function boxBound(p: Cell, q: Cell): number {
  let dz = Math.max(p.hi[0] - q.lo[0], q.hi[0] - p.lo[0]);
  let dy = Math.max(p.hi[1] - q.lo[1], q.hi[1] - p.lo[1]);
  let dx = Math.max(p.hi[2] - q.lo[2], q.hi[2] - p.lo[2]);
  dz *= dz;
  dy *= dy;
  dx *= dx;
  return dz + dy + dx;
}

/**
 * Largest squared distance between two of the given vertices, or `atLeast` if no pair exceeds it.
 */
function maxSquaredDistance(v: Float64Array, members: number[], atLeast = 0): number {
  if (members.length <= BRUTE_FORCE_LIMIT) return bruteForce(v, members, null, atLeast);

  const cells = binIntoCells(v, members);
  // A good first lower bound: the pairs of vertices extreme along a few directions.
  let best = bruteForce(v, extremeVertices(v, members), null, atLeast);

  const candidates: { bound: number; p: number; q: number }[] = [];
  for (let p = 0; p < cells.length; p++) {
    for (let q = p; q < cells.length; q++) {
      const bound = boxBound(cells[p], cells[q]);
      if (bound > best) candidates.push({ bound, p, q });
    }
  }
  candidates.sort((x, y) => y.bound - x.bound);
  for (const { bound, p, q } of candidates) {
    if (bound <= best) break;
    best = p === q
      ? bruteForce(v, cells[p].members, null, best)
      : bruteForce(v, cells[p].members, cells[q].members, best);
  }
  return best;
}

function binIntoCells(v: Float64Array, members: number[]): Cell[] {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const i of members) {
    for (let d = 0; d < 3; d++) {
      lo[d] = Math.min(lo[d], v[3 * i + d]);
      hi[d] = Math.max(hi[d], v[3 * i + d]);
    }
  }
  const extent = hi.map((h, d) => h - lo[d]);
  const spanned = extent.filter((e) => e > 0);
  const targetCells = Math.max(1, members.length / POINTS_PER_CELL);
  const perAxis = spanned.length === 0 ? 1 : Math.pow(targetCells, 1 / spanned.length);
  // Cells along each axis in proportion to its extent (a flat set gets a 2-D grid).
  const geometricMean = Math.pow(spanned.reduce((p, e) => p * e, 1), 1 / Math.max(1, spanned.length));
  const grid = extent.map((e) => (e > 0 ? Math.max(1, Math.round((perAxis * e) / geometricMean)) : 1));

  const cellIndex = new Map<number, Cell>();
  for (const i of members) {
    let key = 0;
    for (let d = 0; d < 3; d++) {
      const g = grid[d];
      const k = extent[d] > 0 ? Math.min(g - 1, Math.floor(((v[3 * i + d] - lo[d]) / extent[d]) * g)) : 0;
      key = key * g + k;
    }
    let cell = cellIndex.get(key);
    if (!cell) {
      cell = { members: [], lo: [Infinity, Infinity, Infinity], hi: [-Infinity, -Infinity, -Infinity] };
      cellIndex.set(key, cell);
    }
    cell.members.push(i);
    for (let d = 0; d < 3; d++) {
      cell.lo[d] = Math.min(cell.lo[d], v[3 * i + d]);
      cell.hi[d] = Math.max(cell.hi[d], v[3 * i + d]);
    }
  }
  return [...cellIndex.values()];
}

/** Vertices with the smallest and largest projection on the 13 directions of the 3×3×3 neighbourhood. */
function extremeVertices(v: Float64Array, members: number[]): number[] {
  const picked = new Set<number>();
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (dz * 9 + dy * 3 + dx <= 0) continue; // one of each ± pair, not (0, 0, 0)
        let minI = members[0];
        let maxI = members[0];
        let minP = Infinity;
        let maxP = -Infinity;
        for (const i of members) {
          const proj = dz * v[3 * i] + dy * v[3 * i + 1] + dx * v[3 * i + 2];
          if (proj < minP) { minP = proj; minI = i; }
          if (proj > maxP) { maxP = proj; maxI = i; }
        }
        picked.add(minI).add(maxI);
      }
    }
  }
  return [...picked];
}
