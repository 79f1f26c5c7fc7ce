// Owns projects. Creating one makes its creator the OWNER, in the same transaction.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { paginate, pageSize, decodeCursor, type ConnectionShape } from '../../infra/graphql/connection.js';
import { BadInputError } from '../../infra/graphql/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { rowsByIds } from '../auth/ids.js';
import { MembersService } from '../members/members.service.js';
import { ProjectEntity } from './project.entity.js';

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MembersService) private readonly members: MembersService,
  ) {}

  async findByIds(ids: readonly string[]): Promise<ProjectEntity[]> {
    return rowsByIds(this.db.getRepository(ProjectEntity), ids);
  }

  /** Projects among `projectIds` (the caller's), oldest first. */
  async list(projectIds: string[], args: { first?: number; after?: string }): Promise<ConnectionShape<ProjectEntity>> {
    const first = pageSize(args);
    if (!projectIds.length) return paginate([], first, () => []);
    const query = this.db.getRepository(ProjectEntity).createQueryBuilder('p').where('p.id IN (:...ids)', { ids: projectIds })
      .orderBy('p.created_at', 'ASC').addOrderBy('p.id', 'ASC').limit(first + 1);
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after);
      query.andWhere('(p.created_at, p.id) > (:createdAt, :id)', { createdAt, id });
    }
    return paginate(await query.getMany(), first, (p) => [p.createdAt.toISOString(), p.id]);
  }

  async create(actorId: string, input: { name: string; description?: string }): Promise<ProjectEntity> {
    const name = input.name.trim();
    if (!name) throw new BadInputError('name must not be empty', 'name');
    return this.db.transaction(async (m) => {
      const project = await m.save(ProjectEntity, m.create(ProjectEntity, { name, description: input.description ?? null }));
      const owner = await this.members.insertOwner(m, project.id, actorId);
      await this.audit.write(m, { actorId, projectId: project.id, action: 'project.create', targetIds: [project.id, owner.id], details: { name } });
      return m.findOneByOrFail(ProjectEntity, { id: project.id });
    });
  }

  async update(actorId: string, project: ProjectEntity, input: { name?: string; description?: string }): Promise<ProjectEntity> {
    if (input.name !== undefined && !input.name.trim()) throw new BadInputError('name must not be empty', 'name');
    return this.db.transaction(async (m) => {
      await m.update(ProjectEntity, { id: project.id }, { name: input.name?.trim() ?? project.name, description: input.description ?? project.description });
      await this.audit.write(m, { actorId, projectId: project.id, action: 'project.update', targetIds: [project.id], details: { ...input, projectId: undefined } });
      return m.findOneByOrFail(ProjectEntity, { id: project.id });
    });
  }
}
