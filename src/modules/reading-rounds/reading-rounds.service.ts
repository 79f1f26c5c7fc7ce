// The second-reader workflow: an ANALYST draws a seeded random subset of patients whose PRIMARY
// reading is in, and assigns their REPEAT reading to a reader. The draw (seed, eligible count,
// drawn list) is recorded with the assignments, in one transaction with its audit event.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BadInputError } from '../../infra/graphql/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { ImagingService } from '../imaging/imaging.service.js';
import type { MembershipEntity } from '../members/membership.entity.js';
import { PatientsService } from '../patients/patients.service.js';
import type { SegmentationEntity } from '../segmentations/segmentation.entity.js';
import { SegmentationsService } from '../segmentations/segmentations.service.js';
import { drawSubset } from './draw.js';
import { ReadingDrawEntity } from './reading-draw.entity.js';

@Injectable()
export class ReadingRoundsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SegmentationsService) private readonly segmentations: SegmentationsService,
    @Inject(ImagingService) private readonly imaging: ImagingService,
    @Inject(PatientsService) private readonly patients: PatientsService,
  ) {}

  async ofProjects(projectIds: readonly string[]): Promise<ReadingDrawEntity[]> {
    return projectIds.length ? this.db.getRepository(ReadingDrawEntity).find({ where: { projectId: In([...projectIds]) }, order: { createdAt: 'ASC' } }) : [];
  }

  async draw(actorId: string, projectId: string, reader: MembershipEntity, count: number, seed: number): Promise<{ draw: ReadingDrawEntity; assignments: SegmentationEntity[] }> {
    if (!Number.isInteger(count) || count < 1) throw new BadInputError('count must be a positive integer', 'count');
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) throw new BadInputError('seed must be an integer from 0 to 2147483647', 'seed');
    const readings = await this.segmentations.ofProject(projectId);
    const repeated = new Set(readings.filter((s) => s.round === 'REPEAT' && s.status !== 'REJECTED').map((s) => s.patientId));
    // One PRIMARY reading per patient: the first submitted one.
    const primaryByPatient = new Map<string, SegmentationEntity>();
    for (const s of readings) {
      if (s.round === 'PRIMARY' && (s.status === 'SUBMITTED' || s.status === 'ACCEPTED') && !repeated.has(s.patientId) && !primaryByPatient.has(s.patientId)) {
        primaryByPatient.set(s.patientId, s);
      }
    }
    const candidates = await this.patients.findByIds([...primaryByPatient.keys()]);
    if (count > candidates.length) {
      throw new BadInputError(`cannot draw ${count} patients: ${candidates.length} have a submitted PRIMARY reading and no REPEAT reading yet`, 'count');
    }
    const drawn = drawSubset(candidates, (p) => p.key, count, seed);
    const images = new Map((await this.imaging.findByIds(drawn.map((p) => primaryByPatient.get(p.id)!.imageId))).map((i) => [i.id, i]));
    return this.db.transaction(async (m) => {
      const assignments: SegmentationEntity[] = [];
      for (const patient of drawn) {
        const primary = primaryByPatient.get(patient.id)!;
        assignments.push(await this.segmentations.insertAssignment(m, images.get(primary.imageId)!, reader, 'REPEAT', primary.label));
      }
      const saved = await m.save(ReadingDrawEntity, m.create(ReadingDrawEntity, {
        projectId, seed, requested: count, eligibleCount: candidates.length, patientIds: drawn.map((p) => p.id), readerId: reader.id, createdBy: actorId,
      }));
      await this.audit.write(m, {
        actorId, projectId, action: 'reading.drawRepeat', targetIds: [saved.id, ...assignments.map((a) => a.id)],
        details: { seed, count, eligible: candidates.length, patientKeys: drawn.map((p) => p.key), readerId: reader.id },
      });
      return { draw: await m.findOneByOrFail(ReadingDrawEntity, { id: saved.id }), assignments };
    });
  }
}
