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
 * Applies the low- and high-pass filters along one axis of a volume (x-fastest), lines of length
 * `plan.length` at stride `stride`; `lineStarts` lists the first voxel of every line. When
 * `float32` is set, every product and sum is rounded to float32 (pywt computes float32 input in float).
 */
export function convolveAxis(
  input: Float64Array, lo: Float64Array, hi: Float64Array, plan: ConvolutionPlan,
  decLo: Float64Array, decHi: Float64Array, stride: number, lineStarts: Int32Array | number[], float32: boolean,
): void {
  const { length: N, filterLength: F, filterIndex, inputIndex } = plan;
  const fr = Math.fround;
  for (let l = 0; l < lineStarts.length; l++) {
    const base = lineStarts[l];
    for (let o = 0; o < N; o++) {
      let sumLo = 0;
      let sumHi = 0;
      const t0 = o * F;
      if (float32) {
        for (let t = t0; t < t0 + F; t++) {
          const x = input[base + inputIndex[t] * stride];
          sumLo = fr(sumLo + fr(decLo[filterIndex[t]] * x));
          sumHi = fr(sumHi + fr(decHi[filterIndex[t]] * x));
        }
      } else {
        for (let t = t0; t < t0 + F; t++) {
          const x = input[base + inputIndex[t] * stride];
          sumLo += decLo[filterIndex[t]] * x;
          sumHi += decHi[filterIndex[t]] * x;
        }
      }
      lo[base + o * stride] = sumLo;
      hi[base + o * stride] = sumHi;
    }
  }
}

/**
 * Same as convolveAxis for axes whose lines are interleaved: `width` neighbouring lines start at
 * base, base+1, …, base+width−1 (the y and z axes of an x-fastest volume). Inner loops run over the
 * contiguous index, each output accumulating its terms in the plan's order.
 */
export function convolveInterleaved(
  input: Float64Array, lo: Float64Array, hi: Float64Array, plan: ConvolutionPlan,
  decLo: Float64Array, decHi: Float64Array, stride: number, base: number, width: number, float32: boolean,
): void {
  const { length: N, filterLength: F, filterIndex, inputIndex } = plan;
  const fr = Math.fround;
  for (let o = 0; o < N; o++) {
    const outRow = base + o * stride;
    for (let t = o * F; t < (o + 1) * F; t++) {
      const fLo = decLo[filterIndex[t]];
      const fHi = decHi[filterIndex[t]];
      const inRow = base + inputIndex[t] * stride;
      const first = t === o * F;
      if (float32) {
        for (let w = 0; w < width; w++) {
          const x = input[inRow + w];
          lo[outRow + w] = fr((first ? 0 : lo[outRow + w]) + fr(fLo * x));
          hi[outRow + w] = fr((first ? 0 : hi[outRow + w]) + fr(fHi * x));
        }
      } else if (first) {
        for (let w = 0; w < width; w++) {
          const x = input[inRow + w];
          lo[outRow + w] = 0 + fLo * x;
          hi[outRow + w] = 0 + fHi * x;
        }
      } else {
        for (let w = 0; w < width; w++) {
          const x = input[inRow + w];
          lo[outRow + w] += fLo * x;
          hi[outRow + w] += fHi * x;
        }
      }
    }
  }
}
