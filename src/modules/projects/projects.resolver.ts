import { Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Args } from '../../infra/graphql/args.js';
import { ConnectionArgs } from '../../infra/graphql/connection.js';
import { byKeys, type RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import type { Permission } from '../members/roles.js';
import type { ProjectEntity } from './project.entity.js';
import { CreateProjectInput, ProjectConnection, ProjectModel, ProjectPayload, UpdateProjectInput } from './project.model.js';
import { ProjectsService } from './projects.service.js';

@Resolver(() => ProjectModel)
export class ProjectsResolver {
  constructor(@Inject(ProjectsService) private readonly projectList: ProjectsService, @Inject(AccessService) private readonly access: AccessService) {}

  @Query(() => ProjectModel, { description: 'A project you are a member of (NOT_FOUND otherwise).' })
  async project(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<ProjectModel> {
    return (await ProjectsResolver.load(ctx, this.projectList, this.access, [id], 'project.read'))[0]!;
  }

  @Query(() => ProjectConnection, { description: 'The projects you are a member of.', complexity: ({ args, childComplexity }) => 1 + childComplexity * (Number(args.first) || 20) })
  async projects(@Args({ type: () => ConnectionArgs }) args: ConnectionArgs, @Context() ctx: RequestContext): Promise<ProjectConnection> {
    const caller = await this.access.caller(ctx);
    return this.projectList.list([...caller.memberships.keys()], args);
  }

  @Mutation(() => ProjectPayload, { description: 'Creates a project; you become its OWNER.' })
  async createProject(@Args('input', { type: () => CreateProjectInput }) input: CreateProjectInput, @Context() ctx: RequestContext): Promise<ProjectPayload> {
    const caller = await this.access.caller(ctx);
    return { project: await this.projectList.create(caller.user.id, input) };
  }

  @Mutation(() => ProjectPayload, { description: 'Renames or describes a project (OWNER).' })
  async updateProject(@Args('input', { type: () => UpdateProjectInput }) input: UpdateProjectInput, @Context() ctx: RequestContext): Promise<ProjectPayload> {
    const [project] = await ProjectsResolver.load(ctx, this.projectList, this.access, [input.projectId], 'members.manage');
    const caller = await this.access.caller(ctx);
    return { project: await this.projectList.update(caller.user.id, project!, input) };
  }

  /** Projects by id through the access helper, batched per request. */
  static async load(ctx: RequestContext, projects: ProjectsService, access: AccessService, ids: string[], permission: Permission): Promise<ProjectEntity[]> {
    const loader = ctx.loaders.get<string, ProjectEntity | null>('projects.byId', async (keys) => byKeys(keys, await projects.findByIds(keys), (p) => p.id));
    const rows = (await loader.loadMany(ids)).filter((row): row is ProjectEntity => row !== null && !(row instanceof Error));
    return access.allowed(ctx, 'project', ids, rows, permission);
  }
}
