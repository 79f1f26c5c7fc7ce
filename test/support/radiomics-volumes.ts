// Small synthetic volumes for pre-processing and extractor tests.
import type { PixelType, Vec3, Volume, VoxelArray } from '../../src/radiomics/types.js';

export function volume(size: Vec3, data: VoxelArray, pixelType: PixelType, geometry: Partial<Pick<Volume, 'spacing' | 'origin' | 'direction'>> = {}): Volume {
  return {
    size, data, pixelType,
    spacing: geometry.spacing ?? [1, 1, 1],
    origin: geometry.origin ?? [0, 0, 0],
    direction: geometry.direction ?? [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
}

/** A deterministic textured int16 image (no two neighbours alike). */
export function texturedImage(size: Vec3, geometry: Parameters<typeof volume>[3] = {}): Volume {
  const n = size[0] * size[1] * size[2];
  const data = new Int16Array(n);
  for (let i = 0; i < n; i++) data[i] = ((i * 7919) % 613) - 100;
  return volume(size, data, 'int16', geometry);
}

/** A uint8 mask with `label` inside the box [lower, upper] (inclusive). */
export function boxMask(size: Vec3, lower: Vec3, upper: Vec3, label = 1, geometry: Parameters<typeof volume>[3] = {}): Volume {
  const data = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = lower[2]; z <= upper[2]; z++) {
    for (let y = lower[1]; y <= upper[1]; y++) for (let x = lower[0]; x <= upper[0]; x++) data[x + size[0] * (y + size[1] * z)] = label;
  }
  return volume(size, data, 'uint8', geometry);
}
