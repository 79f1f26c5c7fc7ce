// Checks an object a client uploaded through a presigned PUT: present, of the declared size,
// hashing to the declared sha256, and a volume our readers parse. Shared by images and masks.
import { BadInputError } from '../../infra/graphql/errors.js';
import { ObjectIntegrityError, type StorageService } from '../../infra/storage/storage.service.js';
import { readVolumeBytes } from '../../radiomics/io/index.js';
import { parseNrrdHeader } from '../../radiomics/io/nrrd.js';
import type { Volume } from '../../radiomics/types.js';
import type { VolumeFormat } from './imaging-object.entity.js';

export interface VerifiedVolume {
  volume: Volume;
  format: VolumeFormat;
}

/**
 * Re-reads the object and parses it. On any failure the object is removed (unless `keep` says a
 * finalised record still uses those bytes) and BAD_USER_INPUT says what was wrong.
 */
export async function verifyUploadedVolume(
  storage: StorageService, upload: { sha256: string; byteSize: number; fileName: string }, keep: () => Promise<boolean>,
): Promise<VerifiedVolume> {
  const stat = await storage.stat(upload.sha256);
  if (!stat) throw new BadInputError(`nothing was uploaded for sha256 ${upload.sha256}: PUT the file to the upload URL first`, 'sha256');
  const reject = async (message: string): Promise<never> => {
    if (!(await keep())) await storage.remove(upload.sha256);
    throw new BadInputError(`${message}; the upload was removed, upload the file again`, 'sha256');
  };
  if (stat.size !== upload.byteSize) await reject(`uploaded ${stat.size} bytes, but ${upload.byteSize} were declared (truncated upload?)`);
  try {
    await storage.verify(upload.sha256);
  } catch (err) {
    if (err instanceof ObjectIntegrityError) throw new BadInputError(`the uploaded bytes hash to ${err.actual}, not the declared sha256 ${upload.sha256}; the upload was removed`, 'sha256');
    throw err;
  }
  const bytes = await storage.get(upload.sha256);
  try {
    return { volume: readVolumeBytes(bytes, upload.fileName), format: detectFormat(bytes, upload.fileName) };
  } catch (err) {
    return reject(`the file does not parse as a NRRD or NIfTI volume (${(err as Error).message})`);
  }
}

function detectFormat(bytes: Uint8Array, fileName: string): VolumeFormat {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'NIFTI_GZIP';
  if (String.fromCharCode(...bytes.subarray(0, 4)) === 'NRRD') {
    const encoding = (parseNrrdHeader(bytes, fileName).fields.get('encoding') ?? 'raw').toLowerCase();
    return encoding === 'gzip' || encoding === 'gz' ? 'NRRD_GZIP' : 'NRRD';
  }
  return 'NIFTI';
}

