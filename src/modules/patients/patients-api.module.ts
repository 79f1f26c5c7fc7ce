// GraphQL for patients: patient(id), Project.patients, createPatient, updatePatient, with
// clinical fields blinded for READERs.
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SegmentationsModule } from '../segmentations/segmentations.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { PatientsModule } from './patients.module.js';
import { PatientsResolver, ProjectPatientsResolver } from './patients.resolver.js';

@Module({ imports: [PatientsModule, SitesModule, SegmentationsModule, AuthModule], providers: [PatientsResolver, ProjectPatientsResolver] })
export class PatientsApiModule {}
