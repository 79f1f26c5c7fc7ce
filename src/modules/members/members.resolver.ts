import { Inject } from '@nestjs/common';
import { Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import { byKeys, type RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import { ProjectModel } from '../projects/project.model.js';
import { UserModel } from '../users/user.model.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AddMemberInput, ChangeMemberRoleInput, MemberModel, MemberPayload } from './member.model.js';
import type { MembershipEntity } from './membership.entity.js';
import { MembersService } from './members.service.js';
import type { Permission } from './roles.js';

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(
    @Inject(MembersService) private readonly members: MembersService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  @ResolveField(() => UserModel)
  async user(@Parent() member: MemberModel, @Context() ctx: RequestContext): Promise<UserEntity> {
    const loader = ctx.loaders.get<string, UserEntity | null>('users.byId', async (ids) => byKeys(ids, await this.users.findByIds(ids), (u) => u.id));
    return (await loader.load(member.userId))!;
  }

  @Mutation(() => MemberPayload, { description: 'Adds an existing user to a project with a role (OWNER).' })
  async addMember(@Args('input', { type: () => AddMemberInput }) input: AddMemberInput, @Context() ctx: RequestContext): Promise<MemberPayload> {
    const me = await this.access.inProject(ctx, input.projectId, 'members.manage');
    return { member: await this.members.add(me.userId, input.projectId, input.email, input.role) };
  }

  @Mutation(() => MemberPayload, { description: 'Changes a member\'s role (OWNER); a project keeps one OWNER at least.' })
  async changeMemberRole(@Args('input', { type: () => ChangeMemberRoleInput }) input: ChangeMemberRoleInput, @Context() ctx: RequestContext): Promise<MemberPayload> {
    const [member] = await MembersResolver.load(ctx, this.members, this.access, [input.memberId], 'members.manage');
    const caller = await this.access.caller(ctx);
    return { member: await this.members.changeRole(caller.user.id, member!, input.role) };
  }

  static async load(ctx: RequestContext, members: MembersService, access: AccessService, ids: string[], permission: Permission): Promise<MembershipEntity[]> {
    const rows = (await MembersResolver.loader(ctx, members).loadMany(ids)).filter((r): r is MembershipEntity => r !== null && !(r instanceof Error));
    return access.allowed(ctx, 'member', ids, rows, permission);
  }

  static loader(ctx: RequestContext, members: MembersService) {
    return ctx.loaders.get<string, MembershipEntity | null>('members.byId', async (ids) => byKeys(ids, await members.findByIds(ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))), (m) => m.id));
  }
}

@Resolver(() => ProjectModel)
export class ProjectMembersResolver {
  constructor(@Inject(MembersService) private readonly memberList: MembersService, @Inject(AccessService) private readonly access: AccessService) {}

  @ResolveField(() => [MemberModel], { description: 'Everyone with a role in the project.' })
  async members(@Parent() project: ProjectModel, @Context() ctx: RequestContext): Promise<MembershipEntity[]> {
    await this.access.inProject(ctx, project.id, 'project.read');
    const loader = ctx.loaders.get<string, MembershipEntity[]>('members.byProject', async (ids) => {
      const rows = await this.memberList.ofProjects(ids);
      return ids.map((id) => rows.filter((m) => m.projectId === id));
    });
    return loader.load(project.id);
  }

  @ResolveField(() => MemberModel, { nullable: true, description: 'Your own membership.' })
  async myMembership(@Parent() project: ProjectModel, @Context() ctx: RequestContext): Promise<MembershipEntity | null> {
    return (await this.access.caller(ctx)).memberships.get(project.id) ?? null;
  }
}
