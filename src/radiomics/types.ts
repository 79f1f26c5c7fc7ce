// Shared shapes of the radiomics engine. Voxel order everywhere is x fastest:
// index = x + nx * (y + ny * z), i.e. numpy's C order of a (z, y, x) array, as SimpleITK hands it to PyRadiomics.
import type { NeighbourTables } from './features/neighbourhood.js';

export type Vec3 = [number, number, number];

export type VoxelArray =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array;

/** ITK pixel type names (as SimpleITK reports them). */
export type PixelType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

/** A 3-D scalar image with ITK geometry. */
export interface Volume<T extends VoxelArray = VoxelArray> {
  /** Voxels along x, y, z. */
  size: Vec3;
  /** mm between voxel centres along x, y, z. */
  spacing: Vec3;
  /** Physical position (mm, LPS) of voxel (0, 0, 0). */
  origin: Vec3;
  /** 3×3 direction cosines, row-major, ITK's convention: column d is the direction of index axis d. */
  direction: number[];
  pixelType: PixelType;
  data: T;
}

/**
 * One image (original or filtered) cropped to the ROI bounding box, as the feature classes see it.
 * `image` holds the voxel values of the crop; `mask` is 1 inside the ROI, 0 elsewhere.
 */
export interface Roi {
  size: Vec3;
  spacing: Vec3;
  image: Float64Array;
  mask: Uint8Array;
  /**
   * Neighbour tables shared by every ROI with this very mask (the extractor passes one per mask to all its
   * image types); without it each texture class builds its own.
   */
  neighbourTables?: NeighbourTables;
}

/** PyRadiomics settings read by the feature classes (names as in PyRadiomics' parameter files). */
export interface FeatureClassSettings {
  binWidth: number;              // default 25
  binCount: number | null;       // default null: binWidth is used
  voxelArrayShift: number;       // default 0
  symmetricalGLCM: boolean;      // default true
  weightingNorm: 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting' | null; // default null
  distances: number[];           // default [1]
  force2D: boolean;              // default false
  force2Ddimension: number;      // default 0 (numpy axis: 0 = z, i.e. in-plane neighbours only)
  gldm_a: number;                // default 0
}

export const DEFAULT_FEATURE_CLASS_SETTINGS: Readonly<FeatureClassSettings> = Object.freeze({
  binWidth: 25,
  binCount: null,
  voxelArrayShift: 0,
  symmetricalGLCM: true,
  weightingNorm: null,
  distances: [1],
  force2D: false,
  force2Ddimension: 0,
  gldm_a: 0,
});

/** Feature name (PyRadiomics' own, without image-type and class prefix) → value. */
export type FeatureValues = Record<string, number>;
