// The WebAssembly loops of the glmnet solver must round exactly as the plain sequential
// arithmetic they replace (glmnet's Fortran order), and the checked-in module must be the
// assembly of the checked-in text.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleWat, generatedPath, WASM_SOURCES } from '../../../scripts/build-wasm.js';
import { kernelWorkspace, wasmKernels } from '../../../src/survival/glmnet-kernels.js';
import { columnSums } from '../../../src/survival/glmnet-sweep.js';
import { Random } from '../../../src/survival/random.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Values spread over many magnitudes and signs, so that rounding differences would show. */
function fill(a: Float64Array, next: () => number): void {
  for (let i = 0; i < a.length; i++) a[i] = (next() - 0.5) * Math.pow(10, Math.floor(next() * 8) - 4);
}

describe('glmnet WebAssembly kernels', () => {
  it('are assembled from the checked-in text (run `npm run build:wasm` after editing a .wat)', async () => {
    for (const source of WASM_SOURCES) {
      expect(readFileSync(root + generatedPath(source), 'utf8')).toBe(await assembleWat(source));
    }
  });

  for (const n of [1, 2, 7, 58, 87]) {
    it(`round as the sequential scalar loops, n = ${n}`, () => {
      const random = new Random(n);
      const next = (): number => random.uniform();
      const p = 9;
      const {
        f64: [x, r, w, f, out],
        i32: [cols],
      } = kernelWorkspace([n * p, n, n, n, p], [p]);
      for (const a of [x, r, w, f]) fill(a, next);
      const column = (j: number): Float64Array => x.subarray(j * n, (j + 1) * n);

      let dot = 0;
      for (let i = 0; i < n; i++) dot += r[i] * x[2 * n + i];
      expect(Object.is(wasmKernels.dot(r.byteOffset, column(2).byteOffset, n), dot)).toBe(true);

      const del = -0.3712345678901234;
      const r2 = Float64Array.from(r);
      const f2 = Float64Array.from(f);
      let s = 0;
      for (let i = 0; i < n; i++) {
        r2[i] = r2[i] - del * w[i] * x[4 * n + i];
        f2[i] = f2[i] + del * x[4 * n + i];
        s += r2[i] * x[5 * n + i];
      }
      const got = wasmKernels.updateDot(r.byteOffset, w.byteOffset, f.byteOffset, column(4).byteOffset, del, column(5).byteOffset, n);
      expect(Object.is(got, s)).toBe(true);
      expect(Array.from(r)).toEqual(Array.from(r2));
      expect(Array.from(f)).toEqual(Array.from(f2));
      // Without a next column: the updates only.
      wasmKernels.updateDot(r.byteOffset, w.byteOffset, f.byteOffset, column(1).byteOffset, del, 0, n);
      for (let i = 0; i < n; i++) {
        r2[i] = r2[i] - del * w[i] * x[n + i];
        f2[i] = f2[i] + del * x[n + i];
      }
      expect(Array.from(r)).toEqual(Array.from(r2));
      expect(Array.from(f)).toEqual(Array.from(f2));

      const list = [8, 0, 3, 5, 6, 2, 1];
      for (const squared of [false, true]) {
        for (const count of [0, 1, 4, 5, 7]) {
          cols.set(list);
          out.fill(NaN);
          columnSums(r, x, n, cols, count, out, squared);
          for (let l = 0; l < 7; l++) {
            const j = list[l];
            if (l >= count) {
              expect(out[j]).toBeNaN();
              continue;
            }
            let sum = 0;
            for (let i = 0; i < n; i++) sum += squared ? r[i] * (x[j * n + i] * x[j * n + i]) : r[i] * x[j * n + i];
            expect(Object.is(out[j], sum)).toBe(true);
          }
        }
      }
    });
  }

  it('grows its memory for large designs and zero-fills every array', () => {
    const n = 1000;
    const p = 3000; // 24 MB of x: beyond the initial memory
    const {
      f64: [x, tail],
      i32: [list],
    } = kernelWorkspace([n * p, n], [p]);
    expect(x.length).toBe(n * p);
    expect(tail.every((v) => v === 0)).toBe(true);
    expect(list.every((v) => v === 0)).toBe(true);
    expect(x.byteOffset % 16).toBe(0);
    expect(tail.byteOffset % 16).toBe(0);
  });

  it('names the problem when a design does not fit in WebAssembly memory', () => {
    expect(() => kernelWorkspace([2 ** 30], [])).toThrow(/needs 8\.00 GiB of working memory, more than WebAssembly can hold/);
    // Still usable afterwards.
    const { f64: [small] } = kernelWorkspace([10], []);
    expect(small.length).toBe(10);
  });
});
