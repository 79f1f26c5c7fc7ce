// Second-reader workflow: seeded REPEAT-reading draws.
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ImagingModule } from '../imaging/imaging.module.js';
import { PatientsModule } from '../patients/patients.module.js';
import { SegmentationsModule } from '../segmentations/segmentations.module.js';
import { ReadingDrawEntity } from './reading-draw.entity.js';
import { ProjectReadingDrawsResolver, ReadingRoundsResolver } from './reading-rounds.resolver.js';
import { ReadingRoundsService } from './reading-rounds.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ReadingDrawEntity]), AuditModule, AuthModule, ImagingModule, PatientsModule, SegmentationsModule],
  providers: [ReadingRoundsService, ReadingRoundsResolver, ProjectReadingDrawsResolver],
})
export class ReadingRoundsModule {}
