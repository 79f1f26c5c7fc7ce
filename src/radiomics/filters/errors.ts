import { RadiomicsError } from '../errors.js';

/** Bad input to an image filter (image too small for the settings, unknown wavelet, bad level...). */
export class FilterInputError extends RadiomicsError {
  override name = 'FilterInputError';
}
