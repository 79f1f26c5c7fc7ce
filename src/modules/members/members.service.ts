// Owns memberships: who has which role in which project.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { rowsByIds } from '../auth/ids.js';
import { BadInputError, ConflictError, NotFoundError } from '../../infra/graphql/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { UsersService } from '../users/users.service.js';
import { MembershipEntity } from './membership.entity.js';
import { ROLES, type Role } from './roles.js';

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  async ofUser(userId: string): Promise<MembershipEntity[]> {
    return this.db.getRepository(MembershipEntity).findBy({ userId });
  }

  async findByIds(ids: readonly string[]): Promise<MembershipEntity[]> {
    return rowsByIds(this.db.getRepository(MembershipEntity), ids);
  }

  async ofProjects(projectIds: readonly string[]): Promise<MembershipEntity[]> {
    return projectIds.length ? this.db.getRepository(MembershipEntity).find({ where: { projectId: In([...projectIds]) }, order: { createdAt: 'ASC' } }) : [];
  }

  /** In the project's creation transaction: its creator becomes OWNER. */
  async insertOwner(manager: EntityManager, projectId: string, userId: string): Promise<MembershipEntity> {
    return manager.save(MembershipEntity, manager.create(MembershipEntity, { projectId, userId, role: 'OWNER' }));
  }

  async add(actorId: string, projectId: string, email: string, role: Role): Promise<MembershipEntity> {
    checkRole(role);
    const user = await this.users.findByEmail(email);
    if (!user) throw new BadInputError(`no user with e-mail ${email}`, 'email');
    return this.db.transaction(async (m) => {
      if (await m.findOneBy(MembershipEntity, { projectId, userId: user.id })) throw new ConflictError(`${email} is a member of this project already`);
      const member = await m.save(MembershipEntity, m.create(MembershipEntity, { projectId, userId: user.id, role }));
      await this.audit.write(m, { actorId, projectId, action: 'member.add', targetIds: [member.id, user.id], details: { role } });
      return m.findOneByOrFail(MembershipEntity, { id: member.id });
    });
  }

  async changeRole(actorId: string, member: MembershipEntity, role: Role): Promise<MembershipEntity> {
    checkRole(role);
    return this.db.transaction(async (m) => {
      if (member.role === 'OWNER' && role !== 'OWNER') {
        const owners = await m.countBy(MembershipEntity, { projectId: member.projectId, role: 'OWNER' });
        if (owners <= 1) throw new ConflictError('a project keeps at least one OWNER');
      }
      await m.update(MembershipEntity, { id: member.id }, { role });
      await this.audit.write(m, { actorId, projectId: member.projectId, action: 'member.changeRole', targetIds: [member.id], details: { from: member.role, to: role } });
      return m.findOneByOrFail(MembershipEntity, { id: member.id });
    });
  }

  async get(id: string): Promise<MembershipEntity> {
    const [member] = await this.findByIds([id]);
    if (!member) throw new NotFoundError('member', id);
    return member;
  }
}

function checkRole(role: string): asserts role is Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new BadInputError(`role must be one of ${ROLES.join(', ')}`, 'role');
}
