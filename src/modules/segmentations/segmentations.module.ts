// Segmentations (service only; GraphQL in SegmentationsApiModule).
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ImagingModule } from '../imaging/imaging.module.js';
import { SegmentationEntity } from './segmentation.entity.js';
import { SegmentationsService } from './segmentations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([SegmentationEntity]), AuditModule, ImagingModule],
  providers: [SegmentationsService],
  exports: [SegmentationsService],
})
export class SegmentationsModule {}
