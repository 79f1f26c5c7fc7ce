// Sites of a project.
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { SiteEntity } from './site.entity.js';
import { ProjectSitesResolver, SitesResolver } from './sites.resolver.js';
import { SitesService } from './sites.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([SiteEntity]), AuditModule, AuthModule],
  providers: [SitesService, SitesResolver, ProjectSitesResolver],
  exports: [SitesService],
})
export class SitesModule {}
