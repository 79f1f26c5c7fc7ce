// A mask must lie on its image's grid (within 1e-4) and contain its label.
import { BadInputError } from '../../infra/graphql/errors.js';
import type { Volume } from '../../radiomics/types.js';

export const GEOMETRY_TOLERANCE = 1e-4;

export interface ImageGeometry {
  size: number[];
  spacing: number[];
  origin: number[];
  direction: number[];
}

export function checkMaskGeometry(mask: Volume, image: ImageGeometry): void {
  if (mask.size.some((s, i) => s !== image.size[i])) {
    throw new BadInputError(`mask size ${mask.size.join('×')} differs from the image size ${image.size.join('×')}`, 'geometry');
  }
  for (const [name, maskValues, imageValues] of [
    ['spacing', mask.spacing, image.spacing], ['origin', mask.origin, image.origin], ['direction', mask.direction, image.direction],
  ] as const) {
    const worst = Math.max(...maskValues.map((v, i) => Math.abs(v - imageValues[i]!)));
    if (!(worst <= GEOMETRY_TOLERANCE)) {
      throw new BadInputError(`mask ${name} (${maskValues.join(', ')}) differs from the image's (${imageValues.join(', ')}) by ${worst} > ${GEOMETRY_TOLERANCE}`, 'geometry');
    }
  }
}

/** 1 where the mask holds `label`; throws if the label is absent. */
export function labelVoxels(mask: Volume, label: number): { region: Uint8Array; count: number } {
  const region = new Uint8Array(mask.data.length);
  let count = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] === label) {
      region[i] = 1;
      count++;
    }
  }
  if (count === 0) throw new BadInputError(`label ${label} is not present in the mask`, 'label');
  return { region, count };
}
