// Bulk imports: patients from CSV (GraphQL). Image folders are imported by `radtrace import`
// through the public API.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { PatientsModule } from '../patients/patients.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { ImportsResolver } from './imports.resolver.js';
import { ImportsService } from './imports.service.js';

@Module({ imports: [AuditModule, AuthModule, PatientsModule, SitesModule], providers: [ImportsService, ImportsResolver] })
export class ImportsModule {}
