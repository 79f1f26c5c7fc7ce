// GraphQL for the audit log: Project.auditEvents (OWNERs).
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AuditModule } from './audit.module.js';
import { ProjectAuditResolver } from './audit.resolver.js';

@Module({ imports: [AuditModule, AuthModule], providers: [ProjectAuditResolver] })
export class AuditApiModule {}
