// PyWavelets' undecimated periodic convolution (convolution.template.c,
// `_downsampling_convolution_periodization` with step 1 and fstep 1), as used by `swt` at level 1:
//   out[o] = Σ_j f[j] · x[(o + F/2 − j) mod N],  o = 0 … N−1.
// Floating-point sums depend on the order of the terms, and pywt's four loops use different orders
// near the two ends (wrapped terms first at the right end). The order is captured once per (N, F) as a
// "plan": for each output, the F (filter index, input index) pairs in pywt's summation order.

export interface ConvolutionPlan {
  length: number;
  filterLength: number;
  /** filterIndex[o·F + t], inputIndex[o·F + t]: the t-th term added for output o. */
  filterIndex: Int32Array;
  inputIndex: Int32Array;
}

export function periodicConvolutionPlan(N: number, F: number): ConvolutionPlan {
  const filterIndex = new Int32Array(N * F);
  const inputIndex = new Int32Array(N * F);
  const half = F >> 1;
  let o = 0;
  let t = 0;
  const add = (j: number, k: number) => {
    filterIndex[o * F + t] = j;
    inputIndex[o * F + t] = k;
    t++;
  };
  // Terms whose filter tap runs off the left end of the signal wrap to x[N-1], x[N-2], …
  const wrapLeft = (jStart: number): void => {
    let j = jStart;
    while (j < F) {
      for (let k = 0; k < N && j < F; k++, j++) add(j, N - 1 - k);
    }
  };
  // Terms that run off the right end wrap to x[0], x[1], …, listed first (filter index falling).
  const wrapRight = (i: number): number => {
    let j = 0;
    while (i - j >= N) {
      for (let k = 0; k < N && i - j >= N; k++, j++) add(i - N - j, k);
    }
    return j;
  };
  let i = half;
  for (; i < F && i < N; i++, o++) {
    t = 0;
    let j = 0;
    for (; j <= i; j++) add(j, i - j);
    wrapLeft(j);
  }
  for (; i < N; i++, o++) {
    t = 0;
    for (let j = 0; j < F; j++) add(j, i - j);
  }
  for (; i < F && i < N + half; i++, o++) {
    t = 0;
    let j = wrapRight(i);
    for (; j <= i; j++) add(j, i - j);
    wrapLeft(j);
  }
  for (; i < N + half; i++, o++) {
    t = 0;
    let j = wrapRight(i);
    for (; j < F; j++) add(j, i - j);
  }
  if (o !== N) throw new Error(`periodic convolution plan: produced ${o} outputs for length ${N}`);
  return { length: N, filterLength: F, filterIndex, inputIndex };
}

/**
 * Applies the low- and high-pass filters along one axis of a volume (x-fastest). Lines have length
 * `plan.length` and element stride `stride`; `width` neighbouring lines start at base, base + 1, …,
 * base + width − 1 (the y and z axes of an x-fastest volume; for x, call once per line with width 1).
 * For every output, the terms are added in the plan's order. With `float32`, every product and sum is
 * rounded to float32 (pywt computes float32 input in float).
 */
export function convolveLines(
  input: Float64Array, lo: Float64Array, hi: Float64Array, plan: ConvolutionPlan,
  decLo: Float64Array, decHi: Float64Array, stride: number, base: number, width: number, float32: boolean,
): void {
  const { length: N, filterLength: F, filterIndex, inputIndex } = plan;
  const rows = new Int32Array(F);
  const fLo = new Float64Array(F);
  const fHi = new Float64Array(F);
  const fr = Math.fround;
  for (let o = 0; o < N; o++) {
    for (let t = 0; t < F; t++) {
      rows[t] = base + inputIndex[o * F + t] * stride;
      fLo[t] = decLo[filterIndex[o * F + t]];
      fHi[t] = decHi[filterIndex[o * F + t]];
    }
    const outRow = base + o * stride;
    if (float32) {
      for (let w = 0; w < width; w++) {
        let sumLo = 0;
        let sumHi = 0;
        for (let t = 0; t < F; t++) {
          const x = input[rows[t] + w];
          sumLo = fr(sumLo + fr(fLo[t] * x));
          sumHi = fr(sumHi + fr(fHi[t] * x));
        }
        lo[outRow + w] = sumLo;
        hi[outRow + w] = sumHi;
      }
    } else if (F === 6) {
      sixTapRow(input, lo, hi, rows, fLo, fHi, outRow, width);
    } else {
      for (let w = 0; w < width; w++) {
        let sumLo = 0;
        let sumHi = 0;
        for (let t = 0; t < F; t++) {
          const x = input[rows[t] + w];
          sumLo += fLo[t] * x;
          sumHi += fHi[t] * x;
        }
        lo[outRow + w] = sumLo;
        hi[outRow + w] = sumHi;
      }
    }
  }
}

/** convolveLines' inner loop unrolled for 6-tap filters (coif1, db3): same terms, same order. */
function sixTapRow(
  input: Float64Array, lo: Float64Array, hi: Float64Array, rows: Int32Array, fLo: Float64Array, fHi: Float64Array,
  outRow: number, width: number,
): void {
  const [r0, r1, r2, r3, r4, r5] = rows;
  const [l0, l1, l2, l3, l4, l5] = fLo;
  const [h0, h1, h2, h3, h4, h5] = fHi;
  for (let w = 0; w < width; w++) {
    const x0 = input[r0 + w];
    const x1 = input[r1 + w];
    const x2 = input[r2 + w];
    const x3 = input[r3 + w];
    const x4 = input[r4 + w];
    const x5 = input[r5 + w];
    lo[outRow + w] = 0 + l0 * x0 + l1 * x1 + l2 * x2 + l3 * x3 + l4 * x4 + l5 * x5;
    hi[outRow + w] = 0 + h0 * x0 + h1 * x1 + h2 * x2 + h3 * x3 + h4 * x4 + h5 * x5;
  }
}

/**
 * Filters contiguous lines (the x axis): `count` lines of length plan.length, one after the other.
 * Interior outputs (terms j = 0 … F−1 on x[i − j]) take a direct loop; the F/2 outputs at each
 * end follow the plan.
 */
export function convolveContiguousLines(
  input: Float64Array, lo: Float64Array, hi: Float64Array, plan: ConvolutionPlan,
  decLo: Float64Array, decHi: Float64Array, count: number, float32: boolean,
): void {
  const { length: N, filterLength: F } = plan;
  const half = F >> 1;
  // Outputs o with F <= o + half < N use only in-range samples in ascending-j order.
  const interiorStart = Math.max(0, F - half);
  const interiorEnd = N - half;
  for (let l = 0; l < count; l++) {
    const base = l * N;
    if (float32 || interiorEnd <= interiorStart) {
      convolveLines(input, lo, hi, plan, decLo, decHi, 1, base, 1, float32);
      continue;
    }
    if (F === 6) {
      sixTapInterior(input, lo, hi, decLo, decHi, base, interiorStart, interiorEnd);
    } else {
      for (let o = interiorStart; o < interiorEnd; o++) {
        const i = base + o + half;
        let sumLo = 0;
        let sumHi = 0;
        for (let j = 0; j < F; j++) {
          const x = input[i - j];
          sumLo += decLo[j] * x;
          sumHi += decHi[j] * x;
        }
        lo[base + o] = sumLo;
        hi[base + o] = sumHi;
      }
    }
    convolveEdgeOutputs(input, lo, hi, plan, decLo, decHi, base, 0, interiorStart);
    convolveEdgeOutputs(input, lo, hi, plan, decLo, decHi, base, interiorEnd, N);
  }
}

/** Interior outputs of a contiguous line for 6-tap filters: x[i], x[i−1], …, x[i−5] with i = o + 3. */
function sixTapInterior(
  input: Float64Array, lo: Float64Array, hi: Float64Array, decLo: Float64Array, decHi: Float64Array,
  base: number, from: number, to: number,
): void {
  const [l0, l1, l2, l3, l4, l5] = decLo;
  const [h0, h1, h2, h3, h4, h5] = decHi;
  for (let o = base + from; o < base + to; o++) {
    const x0 = input[o + 3];
    const x1 = input[o + 2];
    const x2 = input[o + 1];
    const x3 = input[o];
    const x4 = input[o - 1];
    const x5 = input[o - 2];
    lo[o] = 0 + l0 * x0 + l1 * x1 + l2 * x2 + l3 * x3 + l4 * x4 + l5 * x5;
    hi[o] = 0 + h0 * x0 + h1 * x1 + h2 * x2 + h3 * x3 + h4 * x4 + h5 * x5;
  }
}

function convolveEdgeOutputs(
  input: Float64Array, lo: Float64Array, hi: Float64Array, plan: ConvolutionPlan,
  decLo: Float64Array, decHi: Float64Array, base: number, from: number, to: number,
): void {
  const { filterLength: F, filterIndex, inputIndex } = plan;
  for (let o = from; o < to; o++) {
    let sumLo = 0;
    let sumHi = 0;
    for (let t = o * F; t < (o + 1) * F; t++) {
      const x = input[base + inputIndex[t]];
      sumLo += decLo[filterIndex[t]] * x;
      sumHi += decHi[filterIndex[t]] * x;
    }
    lo[base + o] = sumLo;
    hi[base + o] = sumHi;
  }
}
