// Colour-blind-safe palette (Okabe & Ito 2008) paired with a line style and a marker per series,
// so every series is told apart without colour (greyscale print, colour-vision deficiency).

export interface SeriesStyle {
  colour: string;
  /** stroke-dasharray, undefined for solid. */
  dash: string | undefined;
  marker: MarkerShape;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross';

const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const DASHES: (string | undefined)[] = [undefined, '7 3', '2 2.5', '9 3 2 3', '4 4', '1 3', '12 4'];
const MARKERS: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'triangle-down', 'cross'];

export const GREY = '#6b6b6b';
export const LIGHT_GREY = '#e3e3e3';
export const INK = '#1a1a1a';
export const FONT_FAMILY = 'Helvetica, Arial, sans-serif';
export const FONT_SIZE = 12;
export const SMALL_FONT_SIZE = 11;
export const TITLE_FONT_SIZE = 14;

/** The style of series number `i` (cycles after seven). */
export function seriesStyle(i: number): SeriesStyle {
  return {
    colour: OKABE_ITO[i % OKABE_ITO.length]!,
    dash: DASHES[i % DASHES.length],
    marker: MARKERS[i % MARKERS.length]!,
  };
}
