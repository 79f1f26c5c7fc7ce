// The research-data modules of issue 5 (users, projects, patients, images, segmentations, ...),
// listed here so app.module.ts needs one line for all of them.
import type { Type } from '@nestjs/common';
import { AuditApiModule } from './audit/audit-api.module.js';
import { CohortModule } from './cohort/cohort.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { ReadingRoundsModule } from './reading-rounds/reading-rounds.module.js';
import { ImagingApiModule } from './imaging/imaging-api.module.js';
import { MembersApiModule } from './members/members-api.module.js';
import { PatientsApiModule } from './patients/patients-api.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { SegmentationsApiModule } from './segmentations/segmentations-api.module.js';
import { SitesModule } from './sites/sites.module.js';
import { UsersApiModule } from './users/users-api.module.js';

export const RESEARCH_MODULES: Type[] = [
  UsersApiModule, ProjectsModule, SitesModule, MembersApiModule, PatientsApiModule, ImagingApiModule, SegmentationsApiModule, AuditApiModule,
  ReadingRoundsModule, ImportsModule, CohortModule,
];
