// Owns segmentations: a reader's mask of one image, in a PRIMARY or REPEAT reading round, moving
// ASSIGNED → SUBMITTED (mask finalised) → ACCEPTED or REJECTED. When both readings of an image
// are in, their Dice and HD95 are stored on the REPEAT reading.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { decodeCursor, paginate, pageSize, type ConnectionShape } from '../../infra/graphql/connection.js';
import { BadInputError, ConflictError } from '../../infra/graphql/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { uuidsOnly, rowsByIds } from '../auth/ids.js';
import type { ImagingObjectEntity } from '../imaging/imaging-object.entity.js';
import { ImagingService, checkUploadDeclaration, type UploadTicket } from '../imaging/imaging.service.js';
import type { MembershipEntity } from '../members/membership.entity.js';
import { checkMaskGeometry, labelVoxels, type ImageGeometry } from './mask-checks.js';
import { maskAgreement } from './mask-agreement.js';
import { SegmentationEntity, type ReadingRound, type SegmentationStatus } from './segmentation.entity.js';
import { readVolumeBytes } from '../../radiomics/io/index.js';

export interface SegmentationFilter {
  status?: SegmentationStatus;
  readerId?: string;
  round?: ReadingRound;
}

/** Which status may follow which; anything else is CONFLICT. */
const TRANSITIONS: Record<SegmentationStatus, SegmentationStatus[]> = {
  ASSIGNED: ['SUBMITTED'],
  SUBMITTED: ['ACCEPTED', 'REJECTED'],
  ACCEPTED: [],
  REJECTED: [],
};

export function checkTransition(from: SegmentationStatus, to: SegmentationStatus, id: string): void {
  if (!TRANSITIONS[from].includes(to)) throw new ConflictError(`segmentation ${id} is ${from}; it cannot become ${to}`);
}

@Injectable()
export class SegmentationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ImagingService) private readonly imaging: ImagingService,
  ) {}

  onModuleInit(): void {
    // A rejected image upload must never remove bytes a finalised mask uses.
    this.imaging.registerShaUser(async (sha256) => (await this.db.getRepository(SegmentationEntity).countBy({ sha256, status: Not('ASSIGNED') })) > 0);
  }

  async findByIds(ids: readonly string[]): Promise<SegmentationEntity[]> {
    return rowsByIds(this.db.getRepository(SegmentationEntity), ids);
  }

  async ofImages(imageIds: readonly string[]): Promise<SegmentationEntity[]> {
    return imageIds.length ? this.db.getRepository(SegmentationEntity).find({ where: { imageId: In([...imageIds]) }, order: { createdAt: 'ASC' } }) : [];
  }

  async ofProject(projectId: string, filter: SegmentationFilter = {}): Promise<SegmentationEntity[]> {
    return this.db.getRepository(SegmentationEntity).find({ where: { projectId, ...filter }, order: { createdAt: 'ASC' } });
  }

  /** Patients of the project with a reading of this round that is not REJECTED. */
  async patientIdsWithRound(projectId: string, round: ReadingRound): Promise<string[]> {
    const rows = (await this.db.query(`SELECT DISTINCT patient_id FROM segmentation WHERE project_id = $1 AND round = $2 AND status <> 'REJECTED'`, [projectId, round])) as { patient_id: string }[];
    return rows.map((r) => r.patient_id);
  }

  async list(projectId: string, filter: SegmentationFilter, args: { first?: number; after?: string }): Promise<ConnectionShape<SegmentationEntity>> {
    const first = pageSize(args);
    const q = this.db.getRepository(SegmentationEntity).createQueryBuilder('s').where('s.project_id = :projectId', { projectId })
      .orderBy('s.created_at', 'ASC').addOrderBy('s.id', 'ASC').limit(first + 1);
    if (filter.status) q.andWhere('s.status = :status', { status: filter.status });
    if (filter.round) q.andWhere('s.round = :round', { round: filter.round });
    if (filter.readerId) q.andWhere('s.reader_id = :readerId', { readerId: uuidsOnly([filter.readerId])[0] ?? '00000000-0000-0000-0000-000000000000' });
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after);
      q.andWhere('(s.created_at, s.id) > (:createdAt, :id)', { createdAt, id });
    }
    return paginate(await q.getMany(), first, (s) => [s.createdAt.toISOString(), s.id]);
  }

  async assign(actorId: string, image: ImagingObjectEntity, reader: MembershipEntity, round: ReadingRound, label: number): Promise<SegmentationEntity> {
    return this.db.transaction(async (m) => {
      const seg = await this.insertAssignment(m, image, reader, round, label);
      await this.audit.write(m, { actorId, projectId: image.projectId, action: 'segmentation.assign', targetIds: [seg.id, image.id, reader.id], details: { round, label } });
      return seg;
    });
  }

  /** In the caller's transaction (also used by the REPEAT draw). */
  async insertAssignment(m: EntityManager, image: ImagingObjectEntity, reader: MembershipEntity, round: ReadingRound, label: number): Promise<SegmentationEntity> {
    if (image.status !== 'FINAL') throw new ConflictError(`image ${image.id} is not finalised; segment finalised images only`);
    if (reader.projectId !== image.projectId) throw new BadInputError(`reader ${reader.id} is not a member of the image's project`, 'readerId');
    if (reader.role === 'VIEWER') throw new BadInputError('a VIEWER cannot be assigned a reading', 'readerId');
    if (!Number.isInteger(label) || label < 1 || label > 65535) throw new BadInputError('label must be an integer from 1 to 65535', 'label');
    const open = await m.findOneBy(SegmentationEntity, { imageId: image.id, round, status: Not('REJECTED') });
    if (open) throw new ConflictError(`image ${image.id} has an open ${round} reading already (segmentation ${open.id})`);
    const saved = await m.save(SegmentationEntity, m.create(SegmentationEntity, {
      projectId: image.projectId, imageId: image.id, patientId: image.patientId, readerId: reader.id, round, status: 'ASSIGNED', label,
    }));
    return m.findOneByOrFail(SegmentationEntity, { id: saved.id });
  }

  async requestUpload(actorId: string, seg: SegmentationEntity, declared: { fileName: string; sha256: string; byteSize: number }): Promise<{ segmentation: SegmentationEntity; ticket: UploadTicket }> {
    if (seg.status !== 'ASSIGNED') throw new ConflictError(`segmentation ${seg.id} is ${seg.status}; its mask can no longer change`);
    checkUploadDeclaration(declared);
    const ticket = await this.imaging.ticketFor(declared.sha256);
    const segmentation = await this.db.transaction(async (m) => {
      await m.update(SegmentationEntity, { id: seg.id }, { fileName: declared.fileName, sha256: declared.sha256, byteSize: declared.byteSize });
      await this.audit.write(m, { actorId, projectId: seg.projectId, action: 'segmentation.requestUpload', targetIds: [seg.id], details: { sha256: declared.sha256, byteSize: declared.byteSize } });
      return m.findOneByOrFail(SegmentationEntity, { id: seg.id });
    });
    return { segmentation, ticket };
  }

  /** Checks the uploaded mask against its image, records voxel count and volume, computes agreement. */
  async finalize(actorId: string, seg: SegmentationEntity, image: ImagingObjectEntity): Promise<SegmentationEntity> {
    checkTransition(seg.status, 'SUBMITTED', seg.id);
    if (!seg.sha256 || !seg.fileName || !seg.byteSize) throw new ConflictError(`segmentation ${seg.id} has no upload: call requestSegmentationUpload first`);
    const { volume, format } = await this.imaging.verifyUpload({ sha256: seg.sha256, byteSize: seg.byteSize, fileName: seg.fileName });
    const geometry = imageGeometry(image);
    checkMaskGeometry(volume, geometry);
    const { region, count } = labelVoxels(volume, seg.label);
    const voxelVolume = volume.spacing[0] * volume.spacing[1] * volume.spacing[2];
    const partner = await this.db.getRepository(SegmentationEntity).findOne({
      where: { imageId: seg.imageId, round: seg.round === 'PRIMARY' ? 'REPEAT' : 'PRIMARY', status: In(['SUBMITTED', 'ACCEPTED']) },
    });
    let agreement: { dice: number; hd95Mm: number } | null = null;
    if (partner?.sha256) {
      const other = labelVoxels(readVolumeBytes(await this.imaging.readVolumeBytes(partner.sha256), partner.fileName ?? 'mask.nrrd'), partner.label);
      agreement = maskAgreement({ size: volume.size, spacing: volume.spacing }, region, other.region);
    }
    return this.db.transaction(async (m) => {
      const done = await m.createQueryBuilder().update(SegmentationEntity).set({
        status: 'SUBMITTED', format, voxelCount: count, volumeMm3: count * voxelVolume, submittedAt: () => 'now()',
      }).where('id = :id AND status = :from', { id: seg.id, from: 'ASSIGNED' }).execute();
      if (!done.affected) throw new ConflictError(`segmentation ${seg.id} changed concurrently`);
      const repeatId = seg.round === 'REPEAT' ? seg.id : partner?.id;
      if (agreement && repeatId) await m.update(SegmentationEntity, { id: repeatId }, { dice: agreement.dice, hd95Mm: agreement.hd95Mm });
      await this.audit.write(m, {
        actorId, projectId: seg.projectId, action: 'segmentation.finalize', targetIds: [seg.id, ...(partner ? [partner.id] : [])],
        details: { sha256: seg.sha256, voxelCount: count, ...(agreement ?? {}) },
      });
      return m.findOneByOrFail(SegmentationEntity, { id: seg.id });
    });
  }

  async review(actorId: string, seg: SegmentationEntity, decision: 'ACCEPTED' | 'REJECTED', note: string | null): Promise<SegmentationEntity> {
    checkTransition(seg.status, decision, seg.id);
    return this.db.transaction(async (m) => {
      const done = await m.createQueryBuilder().update(SegmentationEntity).set({ status: decision, reviewNote: note, reviewedAt: () => 'now()' })
        .where('id = :id AND status = :from', { id: seg.id, from: seg.status }).execute();
      if (!done.affected) throw new ConflictError(`segmentation ${seg.id} changed concurrently`);
      await this.audit.write(m, { actorId, projectId: seg.projectId, action: 'segmentation.review', targetIds: [seg.id], details: { decision, note } });
      return m.findOneByOrFail(SegmentationEntity, { id: seg.id });
    });
  }
}

function imageGeometry(image: ImagingObjectEntity): ImageGeometry {
  if (!image.size || !image.spacing || !image.origin || !image.direction) throw new ConflictError(`image ${image.id} has no geometry (not finalised)`);
  return { size: image.size, spacing: image.spacing, origin: image.origin, direction: image.direction };
}
