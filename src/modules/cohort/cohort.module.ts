// Cohort summaries (Table 1, PFS median, follow-up) over the survival engine.
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PatientsModule } from '../patients/patients.module.js';
import { CohortResolver } from './cohort.resolver.js';

@Module({ imports: [AuthModule, PatientsModule], providers: [CohortResolver] })
export class CohortModule {}
