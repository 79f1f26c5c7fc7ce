// Patients (service only; GraphQL in PatientsApiModule, which also needs segmentations for filters).
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { PatientEntity } from './patient.entity.js';
import { PatientsService } from './patients.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PatientEntity]), AuditModule],
  providers: [PatientsService],
  exports: [PatientsService],
})
export class PatientsModule {}
