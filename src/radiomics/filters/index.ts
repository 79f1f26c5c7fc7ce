// Image filters of the radiomics engine: PyRadiomics' LoG (ITK recursive Gaussian) and wavelet (pywt swtn).
export { FilterInputError } from './errors.js';
export { laplacianOfGaussian, logFilterMargin, logSkipReason, LOG_MARGIN_CONSTANT, LOG_MARGIN_PER_SD } from './log.js';
export { waveletDecompositions, waveletFilterMargin, type WaveletImage, type WaveletOptions } from './wavelet.js';
export { waveletFilterBank, type WaveletFilterBank } from './waveletFilters.js';
export { filterCropBox } from './crop.js';
