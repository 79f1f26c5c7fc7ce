// Imaging objects (service only; GraphQL in ImagingApiModule).
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ImagingObjectEntity } from './imaging-object.entity.js';
import { ImagingService } from './imaging.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ImagingObjectEntity]), AuditModule],
  providers: [ImagingService],
  exports: [ImagingService],
})
export class ImagingModule {}
