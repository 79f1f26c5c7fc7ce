// First-order statistics (PyRadiomics firstorder.py): raw ROI values as float64 for everything except
// Entropy and Uniformity, which use the discretised histogram.
import type { FeatureClassSettings, FeatureValues, Roi } from '../types.js';
import { discretize, type Discretized } from '../discretize.js';
import { EPS } from './matrix-utils.js';

export const FIRSTORDER_FEATURES = [
  '10Percentile', '90Percentile', 'Energy', 'Entropy', 'InterquartileRange', 'Kurtosis', 'Maximum',
  'MeanAbsoluteDeviation', 'Mean', 'Median', 'Minimum', 'Range', 'RobustMeanAbsoluteDeviation',
  'RootMeanSquared', 'Skewness', 'TotalEnergy', 'Uniformity', 'Variance',
] as const;

/** numpy's linear interpolation between two order statistics (numpy _lerp). */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Positions of the two order statistics numpy.percentile(·, q) ('linear') interpolates, and the weight. */
function percentilePositions(n: number, q: number): { lower: number; upper: number; t: number } {
  const virtualIndex = (n - 1) * (q / 100);
  const below = Math.floor(virtualIndex);
  const lower = Math.min(Math.max(below, 0), n - 1);
  return { lower, upper: Math.min(lower + 1, n - 1), t: virtualIndex - below };
}

/** numpy.percentile(sorted, q) with the default 'linear' method; `sorted` ascending. */
export function percentile(sorted: Float64Array, q: number): number {
  const { lower, upper, t } = percentilePositions(sorted.length, q);
  return lerp(sorted[lower], sorted[upper], t);
}

/**
 * Puts the order statistics at the given positions (ascending, distinct) in place, as a full sort would:
 * afterwards values[k] is the k-th smallest for every k in `positions`. A quickselect over the segments that
 * hold wanted positions (median-of-three pivot, three-way partition so that repeated values cost nothing),
 * falling back to sorting a segment when the recursion gets too deep; O(n) on typical data, O(n log n) worst.
 */
export function selectOrderStatistics(values: Float64Array, positions: readonly number[]): void {
  const depth = 2 * Math.ceil(Math.log2(values.length + 1)) + 8;
  select(values, 0, values.length - 1, positions, 0, positions.length - 1, depth);
}

function select(a: Float64Array, lo: number, hi: number, positions: readonly number[], pFrom: number, pTo: number, depth: number): void {
  while (pFrom <= pTo && lo < hi) {
    if (hi - lo < 24 || depth-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = lo + ((hi - lo) >> 1);
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    // Three-way partition: [lo, lt) < pivot, [lt, gt] = pivot, (gt, hi] > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else {
        i++;
      }
    }
    let leftTo = pFrom - 1;
    while (leftTo < pTo && positions[leftTo + 1] < lt) leftTo++;
    let rightFrom = leftTo + 1;
    while (rightFrom <= pTo && positions[rightFrom] <= gt) rightFrom++;
    // Recurse into the smaller side of wanted positions, loop on the other.
    if (leftTo - pFrom < pTo - rightFrom) {
      select(a, lo, lt - 1, positions, pFrom, leftTo, depth);
      lo = gt + 1;
      pFrom = rightFrom;
    } else {
      select(a, gt + 1, hi, positions, rightFrom, pTo, depth);
      hi = lt - 1;
      pTo = leftTo;
    }
  }
}

/**
 * The order statistics at `positions` (ascending, distinct) of `values` (min and max given), at those positions
 * of the returned array (its other entries are unspecified). The values are first counted into equal-width
 * buckets over [min, max]: the bucket of a value, floor((v − min)·scale), never decreases as v grows, so each
 * bucket holds a contiguous stretch of the sorted order, and only the buckets holding wanted positions are
 * gathered (in bucket order) and searched by selectOrderStatistics. Ties and signed zeros aside, a full sort
 * would put the same value at each wanted position.
 */
export function selectByBuckets(values: Float64Array, min: number, max: number, positions: readonly number[]): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const buckets = Math.max(1, Math.min(BUCKETS, n >> 4));
  const scale = buckets / (max - min);
  if (!(scale > 0) || !Number.isFinite(scale) || buckets === 1) {
    out.set(values);
    selectOrderStatistics(out, positions);
    return out;
  }
  const bucketOf = new Uint16Array(n);
  const start = new Int32Array(buckets + 1); // start[b]: sorted position of bucket b's first value
  countBuckets(values, min, scale, buckets - 1, bucketOf, start);
  // Keep the buckets holding a wanted position; place them one after another in `gathered`.
  const at = new Int32Array(buckets).fill(-1);
  let size = 0;
  for (const k of positions) {
    let b = 0;
    while (start[b + 1] <= k) b++;
    if (at[b] < 0) {
      at[b] = size;
      size += start[b + 1] - start[b];
    }
  }
  // Offsets were given in order of first wanted position, which is bucket order: positions map in order too.
  const local = positions.map((k) => {
    let b = 0;
    while (start[b + 1] <= k) b++;
    return at[b] + k - start[b];
  });
  const gathered = new Float64Array(size);
  gatherBuckets(values, bucketOf, at, gathered);
  selectOrderStatistics(gathered, local);
  positions.forEach((k, i) => {
    out[k] = gathered[local[i]];
  });
  return out;
}

const BUCKETS = 1024;

/** bucketOf[v] = min(floor((values[v] − min)·scale), last); start[b + 1] = number of values in buckets ≤ b. */
function countBuckets(values: Float64Array, min: number, scale: number, last: number, bucketOf: Uint16Array, start: Int32Array): void {
  for (let v = 0; v < values.length; v++) {
    const b = Math.min(Math.floor((values[v] - min) * scale), last);
    bucketOf[v] = b;
    start[b + 1]++;
  }
  for (let b = 1; b < start.length; b++) start[b] += start[b - 1];
}

/** Appends each value whose bucket has an offset (at[b] >= 0) to its bucket's stretch of `gathered` (advancing at[b]). */
function gatherBuckets(values: Float64Array, bucketOf: Uint16Array, at: Int32Array, gathered: Float64Array): void {
  for (let v = 0; v < values.length; v++) {
    const b = bucketOf[v];
    const to = at[b];
    if (to >= 0) {
      gathered[to] = values[v];
      at[b] = to + 1;
    }
  }
}

/** numpy.median: mean of the middle pair for an even count. */
function median(sorted: Float64Array): number {
  const n = sorted.length;
  const half = n >> 1;
  return n % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

function centralMoments(values: Float64Array, mean: number): { m2: number; m3: number; m4: number; mad: number } {
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let mad = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    mad += Math.abs(d);
  }
  const n = values.length;
  return { m2: m2 / n, m3: m3 / n, m4: m4 / n, mad: mad / n };
}

/** totals = [Σ v, Σ (v + shift)², min, max] over the values, summed in order. */
function sumsAndRange(values: Float64Array, shift: number, totals: Float64Array): void {
  let sum = 0;
  let energy = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    sum += v;
    const s = v + shift;
    energy += s * s;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  totals[0] = sum;
  totals[1] = energy;
  totals[2] = min;
  totals[3] = max;
}

/** out = [Σ |v − robust mean|, count] over the values in [p10, p90], the robust mean their mean (in order). */
function robustSums(values: Float64Array, p10: number, p90: number, out: Float64Array): void {
  let robustSum = 0;
  let robustCount = 0;
  for (let k = 0; k < values.length; k++) {
    if (values[k] >= p10 && values[k] <= p90) {
      robustSum += values[k];
      robustCount++;
    }
  }
  const robustMean = robustSum / robustCount;
  let robustMad = 0;
  for (let k = 0; k < values.length; k++) {
    if (values[k] >= p10 && values[k] <= p90) robustMad += Math.abs(values[k] - robustMean);
  }
  out[0] = robustMad;
  out[1] = robustCount;
}

/** The histogram part: Entropy and Uniformity over the bins present (np.unique counts / N). */
function histogramFeatures(binned: Discretized): { entropy: number; uniformity: number } {
  const counts = new Float64Array(binned.ng + 1);
  for (let v = 0; v < binned.roiLevels.length; v++) counts[binned.roiLevels[v]]++;
  const n = binned.roiIndices.length;
  let entropy = 0;
  let uniformity = 0;
  for (const g of binned.grayLevels) {
    const p = counts[g] / n;
    entropy -= p * Math.log2(p + EPS);
    uniformity += p * p;
  }
  return { entropy, uniformity };
}

/**
 * The 18 default firstorder features. TotalEnergy multiplies Energy by the voxel volume of `roi.spacing`.
 * `binned` may be passed to reuse a discretisation made with the same settings.
 */
export function firstorderFeatures(roi: Roi, settings: FeatureClassSettings, binned: Discretized = discretize(roi, settings)): FeatureValues {
  const values = binned.roiValues;
  const n = values.length;
  const totals = new Float64Array(4);
  sumsAndRange(values, settings.voxelArrayShift, totals);
  const [sum, energy, min, max] = totals;
  const mean = sum / n;
  const { m2, m3, m4, mad } = centralMoments(values, mean);

  // Only a few order statistics are needed (minimum, maximum, median and four percentiles): select them
  // instead of sorting; `sorted` holds the right value at each of those positions.
  const quantiles = [10, 25, 75, 90].map((q) => percentilePositions(n, q));
  const wanted = new Set([0, n - 1, (n >> 1) - 1, n >> 1, ...quantiles.flatMap((q) => [q.lower, q.upper])]);
  const sorted = selectByBuckets(values, min, max, [...wanted].filter((k) => k >= 0 && k < n).sort((a, b) => a - b));
  const p10 = percentile(sorted, 10);
  const p90 = percentile(sorted, 90);
  const robust = new Float64Array(2);
  robustSums(values, p10, p90, robust);
  const [robustMad, robustCount] = robust;

  const { entropy, uniformity } = histogramFeatures(binned);
  const [sx, sy, sz] = roi.spacing;
  const flat = m2 === 0;
  return {
    '10Percentile': p10,
    '90Percentile': p90,
    Energy: energy,
    Entropy: entropy,
    InterquartileRange: percentile(sorted, 75) - percentile(sorted, 25),
    Kurtosis: flat ? 0 : m4 / (m2 * m2),
    Maximum: sorted[n - 1],
    MeanAbsoluteDeviation: mad,
    Mean: mean,
    Median: median(sorted),
    Minimum: sorted[0],
    Range: sorted[n - 1] - sorted[0],
    RobustMeanAbsoluteDeviation: robustMad / robustCount,
    RootMeanSquared: Math.sqrt(energy / n),
    Skewness: flat ? 0 : m3 / Math.pow(m2, 1.5),
    TotalEnergy: sx * sy * sz * energy,
    Uniformity: uniformity,
    Variance: m2,
  };
}
