// Error classes of the radiomics engine: every bad input ends in one of these, with a message that names
// the file, setting or volume at fault.

/** Base class of every error the engine raises on bad input. */
export class RadiomicsError extends Error {
  override name = 'RadiomicsError';
}

/** A volume file that cannot be read: truncated, corrupt, unsupported format or pixel type. */
export class VolumeFormatError extends RadiomicsError {
  override name = 'VolumeFormatError';
}

/** A parameter file or settings object with an unknown key or a bad value. */
export class SettingsError extends RadiomicsError {
  override name = 'SettingsError';
}

/** Image and mask that cannot be used together: geometry mismatch, empty mask, absent label, ROI too small. */
export class MaskError extends RadiomicsError {
  override name = 'MaskError';
}

/** Image content that PyRadiomics would not accept (e.g. NaN voxels inside the ROI). */
export class ImageContentError extends RadiomicsError {
  override name = 'ImageContentError';
}
