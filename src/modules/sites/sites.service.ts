// Owns sites (several per project).
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BadInputError, ConflictError } from '../../infra/graphql/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { rowsByIds } from '../auth/ids.js';
import { SiteEntity } from './site.entity.js';

@Injectable()
export class SitesService {
  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(AuditService) private readonly audit: AuditService) {}

  async findByIds(ids: readonly string[]): Promise<SiteEntity[]> {
    return rowsByIds(this.db.getRepository(SiteEntity), ids);
  }

  async ofProjects(projectIds: readonly string[]): Promise<SiteEntity[]> {
    return projectIds.length ? this.db.getRepository(SiteEntity).find({ where: { projectId: In([...projectIds]) }, order: { name: 'ASC' } }) : [];
  }

  async create(actorId: string, projectId: string, rawName: string): Promise<SiteEntity> {
    const name = rawName.trim();
    if (!name) throw new BadInputError('site name must not be empty', 'name');
    return this.db.transaction(async (m) => {
      if (await m.findOneBy(SiteEntity, { projectId, name })) throw new ConflictError(`the project has a site named '${name}' already`);
      const site = await m.save(SiteEntity, m.create(SiteEntity, { projectId, name }));
      await this.audit.write(m, { actorId, projectId, action: 'site.create', targetIds: [site.id], details: { name } });
      return m.findOneByOrFail(SiteEntity, { id: site.id });
    });
  }
}
