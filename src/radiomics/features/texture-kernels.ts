// The WebAssembly kernels of the texture classes and discretisation (texture-kernels.wat), and the layout of
// their memory: the padded grid of the last mask used, then a scratch area each call lays out afresh.
import { WASM_BASE64 } from './texture-kernels.wasm.js';
import { byteLayout, ensureMemory, instantiateKernels, type KernelMemory } from '../../wasm-kernels.js';
import type { PaddedGrid } from './neighbourhood.js';

/** The kernels of texture-kernels.wat; arguments are byte offsets into `memory` (see each export's comment there). */
export interface TextureKernels {
  memory: KernelMemory;
  scatter(values: number, index: number, nv: number, out: number, map: number, rows: number): void;
  gather(levels: number, index: number, nv: number, steps: number, half: number, levelSum: number, same: number): void;
  countInRoi(position: number, index: number, nv: number, steps: number, nsteps: number, counts: number): void;
  countSameLevel(same: number, rows: number, nv: number, cols: number, counts: number): void;
  accumulateNgtdm(levels: number, rows: number, neighbours: number, levelSum: number, nv: number, counts: number, sums: number): void;
  carryRuns(
    same: number, index: number, nv: number, steps: number, forward: number, rows: number, maxRun: number, block: number,
    ring: number, lengths: number, counts: number,
  ): number;
  singleRuns(rows: number, nv: number, directions: number, levels: number, maxRun: number, counts: number, rowCount: number): void;
  usedColumns(matrix: number, rows: number, cols: number, used: number): void;
  blockSums(matrix: number, blocks: number, block: number, sums: number): void;
  labelZones(same: number, index: number, position: number, nv: number, steps: number, forward: number, parent: number, size: number): number;
  countSizes(size: number, rows: number, nv: number, maxSize: number, counts: number): void;
  maskIndices(mask: number, length: number, indices: number): number;
  gatherValues(image: number, index: number, nv: number, values: number, range: number): number;
  binValues(values: number, nv: number, edges: number, last: number, first: number, width: number, roiLevels: number, present: number): number;
}

export const textureKernels = instantiateKernels<TextureKernels>(WASM_BASE64);

/**
 * Where a padded grid lies in the texture kernels' memory (byte offsets). Layout: the grid's `index` (int32 per
 * ROI voxel) at 0, its `position` (int32 over the padded box), then `levels` (int32 over the padded box: the
 * levels of the last pass, zero outside the ROI), then from `scratch` on the arrays of one call, laid out afresh
 * by each caller. The extractor shares one grid between the 11 image types of an extraction (same mask), so
 * the grid is copied once per mask, not per image or class.
 */
export interface KernelGrid {
  index: number;
  position: number;
  levels: number;
  scratch: number;
}

let gridInKernel: { grid: WeakRef<PaddedGrid>; at: KernelGrid } | undefined;

/** The layout of `grid` in the kernels' memory, copying it there unless it is the grid already there. */
export function kernelGrid(grid: PaddedGrid): KernelGrid {
  if (gridInKernel?.grid.deref() === grid) return gridInKernel.at;
  const nv = grid.index.length;
  const [index, position, levels, scratch] = byteLayout(0, [4 * nv, 4 * grid.length, 4 * grid.length]);
  const buffer = ensureMemory(textureKernels.memory, scratch, 'the texture neighbour pass');
  new Int32Array(buffer, index, nv).set(grid.index);
  new Int32Array(buffer, position, grid.length).set(grid.position);
  new Int32Array(buffer, levels, grid.length).fill(0); // only ROI voxels are written from then on
  const at = { index, position, levels, scratch };
  gridInKernel = { grid: new WeakRef(grid), at };
  return at;
}

/** Where the scratch area starts for kernels that need no grid: past the grid now in memory, which stays valid. */
export function kernelScratch(): number {
  return gridInKernel?.at.scratch ?? 0;
}
