// Owns imaging objects: volumes in object storage under their sha256. Upload is request →
// presigned PUT → finalise (re-read, hash and parse checked); a finalised object never changes.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BadInputError, ConflictError } from '../../infra/graphql/errors.js';
import { StorageService, type PresignedUrl } from '../../infra/storage/storage.service.js';
import { assertSha256 } from '../../infra/storage/sha256.js';
import { AuditService } from '../audit/audit.service.js';
import { rowsByIds } from '../auth/ids.js';
import type { PatientEntity } from '../patients/patient.entity.js';
import { ImagingObjectEntity } from './imaging-object.entity.js';
import { verifyUploadedVolume, type VerifiedVolume } from './volume-upload.js';

export const PHASES = ['ARTERIAL', 'VENOUS', 'NON_CONTRAST', 'DELAYED', 'OTHER'] as const;
export const MAX_VOLUME_BYTES = 2 * 1024 ** 3;

export interface ImageUploadRequest {
  phase: string;
  fileName: string;
  sha256: string;
  byteSize: number;
  manufacturer?: string;
  model?: string;
  kvp?: number;
  mas?: number;
  sliceThickness?: number;
}

export interface UploadTicket {
  uploadUrl: string | null;
  expiresAt: Date | null;
  /** The same bytes are in storage already: nothing to upload, finalise directly. */
  alreadyStored: boolean;
}

@Injectable()
export class ImagingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(StorageService) private readonly storage: StorageService,
  ) {}

  async findByIds(ids: readonly string[]): Promise<ImagingObjectEntity[]> {
    return rowsByIds(this.db.getRepository(ImagingObjectEntity), ids);
  }

  async ofPatients(patientIds: readonly string[]): Promise<ImagingObjectEntity[]> {
    return patientIds.length ? this.db.getRepository(ImagingObjectEntity).find({ where: { patientId: In([...patientIds]) }, order: { createdAt: 'ASC' } }) : [];
  }

  async ofProject(projectId: string): Promise<ImagingObjectEntity[]> {
    return this.db.getRepository(ImagingObjectEntity).find({ where: { projectId, status: 'FINAL' }, order: { createdAt: 'ASC' } });
  }

  /** True when a finalised image uses these bytes. */
  async isFinalSha(sha256: string): Promise<boolean> {
    return (await this.db.getRepository(ImagingObjectEntity).countBy({ sha256, status: 'FINAL' })) > 0;
  }

  async requestUpload(actorId: string, patient: PatientEntity, request: ImageUploadRequest): Promise<{ image: ImagingObjectEntity; ticket: UploadTicket }> {
    checkUploadDeclaration(request);
    if (!(PHASES as readonly string[]).includes(request.phase)) throw new BadInputError(`phase must be one of ${PHASES.join(', ')}`, 'phase');
    for (const [name, value] of [['kvp', request.kvp], ['mas', request.mas], ['sliceThickness', request.sliceThickness]] as const) {
      if (value !== undefined && value !== null && !(Number.isFinite(value) && value > 0)) throw new BadInputError(`${name} must be a positive number`, name);
    }
    const ticket = await this.ticketFor(request.sha256);
    const image = await this.db.transaction(async (m) => {
      const row = await m.save(ImagingObjectEntity, m.create(ImagingObjectEntity, {
        projectId: patient.projectId, patientId: patient.id, status: 'PENDING', fileName: request.fileName, phase: request.phase,
        sha256: request.sha256, byteSize: request.byteSize, manufacturer: request.manufacturer ?? null, model: request.model ?? null,
        kvp: request.kvp ?? null, mas: request.mas ?? null, sliceThickness: request.sliceThickness ?? null, createdBy: actorId,
      }));
      await this.audit.write(m, { actorId, projectId: patient.projectId, action: 'imaging.requestUpload', targetIds: [row.id, patient.id], details: { sha256: request.sha256, byteSize: request.byteSize } });
      return m.findOneByOrFail(ImagingObjectEntity, { id: row.id });
    });
    return { image, ticket };
  }

  /** A presigned PUT for bytes not yet stored (none when identical bytes are stored and in use). */
  async ticketFor(sha256: string): Promise<UploadTicket> {
    if (await this.isFinalSha(sha256) || await this.isUsedElsewhere(sha256)) return { uploadUrl: null, expiresAt: null, alreadyStored: true };
    const url: PresignedUrl = await this.storage.presignedPut(sha256);
    return { uploadUrl: url.url, expiresAt: url.expiresAt, alreadyStored: false };
  }

  async finalize(actorId: string, image: ImagingObjectEntity): Promise<ImagingObjectEntity> {
    if (image.status === 'FINAL') throw new ConflictError(`image ${image.id} is finalised already and cannot change`);
    const { volume, format } = await this.verifyUpload(image);
    return this.db.transaction(async (m) => {
      const updated = await m.createQueryBuilder().update(ImagingObjectEntity).set({
        status: 'FINAL', format, pixelType: volume.pixelType, size: [...volume.size], spacing: [...volume.spacing], origin: [...volume.origin],
        direction: [...volume.direction], finalizedAt: () => 'now()',
      }).where('id = :id AND status = :pending', { id: image.id, pending: 'PENDING' }).execute();
      if (!updated.affected) throw new ConflictError(`image ${image.id} was finalised concurrently`);
      await this.audit.write(m, { actorId, projectId: image.projectId, action: 'imaging.finalize', targetIds: [image.id], details: { sha256: image.sha256, format, size: volume.size } });
      return m.findOneByOrFail(ImagingObjectEntity, { id: image.id });
    });
  }

  /** Shared with masks: the upload's bytes, checked; bytes a finalised image or mask uses are never removed. */
  async verifyUpload(upload: { sha256: string; byteSize: number; fileName: string }): Promise<VerifiedVolume> {
    return verifyUploadedVolume(this.storage, upload, async () => (await this.isFinalSha(upload.sha256)) || (await this.isUsedElsewhere(upload.sha256)));
  }

  async readVolumeBytes(sha256: string): Promise<Buffer> {
    return this.storage.get(sha256);
  }

  /** A presigned GET for a finalised object; the download is audited in the same transaction. */
  async download(actorId: string, target: { id: string; projectId: string; sha256: string | null; status: string }, what: string): Promise<PresignedUrl> {
    if (!target.sha256 || (target.status !== 'FINAL' && target.status !== 'SUBMITTED' && target.status !== 'ACCEPTED' && target.status !== 'REJECTED')) {
      throw new ConflictError(`${what} ${target.id} has no finalised file to download`);
    }
    const sha256 = target.sha256;
    return this.db.transaction(async (m) => {
      const url = await this.storage.presignedGet(sha256);
      await this.audit.write(m, { actorId, projectId: target.projectId, action: `${what}.download`, targetIds: [target.id], details: { sha256 } });
      return url;
    });
  }

  private isUsedElsewhere: (sha256: string) => Promise<boolean> = async () => false;

  /** Lets the segmentations module say whether a finalised mask uses some bytes (no import cycle). */
  registerShaUser(check: (sha256: string) => Promise<boolean>): void {
    const previous = this.isUsedElsewhere;
    this.isUsedElsewhere = async (sha256) => (await previous(sha256)) || (await check(sha256));
  }
}

export function checkUploadDeclaration(request: { fileName: string; sha256: string; byteSize: number }): void {
  try {
    assertSha256(request.sha256);
  } catch (err) {
    throw new BadInputError((err as Error).message, 'sha256');
  }
  if (!Number.isInteger(request.byteSize) || request.byteSize < 1 || request.byteSize > MAX_VOLUME_BYTES) {
    throw new BadInputError(`byteSize must be from 1 to ${MAX_VOLUME_BYTES}`, 'byteSize');
  }
  if (!/\.(nrrd|nii|nii\.gz)$/i.test(request.fileName) || request.fileName.length > 255 || /[/\\]/.test(request.fileName)) {
    throw new BadInputError('fileName must be a plain file name ending in .nrrd, .nii or .nii.gz', 'fileName');
  }
}
