import { Inject } from '@nestjs/common';
import { Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import { groupByKey } from '../auth/ids.js';
import { MemberModel } from '../members/member.model.js';
import type { MembershipEntity } from '../members/membership.entity.js';
import { MembersService } from '../members/members.service.js';
import { ProjectModel } from '../projects/project.model.js';
import type { ReadingDrawEntity } from './reading-draw.entity.js';
import { DrawRepeatReadingInput, DrawRepeatReadingPayload, ReadingDrawModel } from './reading-rounds.model.js';
import { ReadingRoundsService } from './reading-rounds.service.js';

@Resolver(() => ReadingDrawModel)
export class ReadingRoundsResolver {
  constructor(
    @Inject(ReadingRoundsService) private readonly rounds: ReadingRoundsService,
    @Inject(MembersService) private readonly members: MembersService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  @Mutation(() => DrawRepeatReadingPayload, { description: 'Draws a seeded random subset of patients for a REPEAT reading by a second reader (OWNER, ANALYST).' })
  async drawRepeatReading(@Args('input', { type: () => DrawRepeatReadingInput }) input: DrawRepeatReadingInput, @Context() ctx: RequestContext): Promise<DrawRepeatReadingPayload> {
    const me = await this.access.inProject(ctx, input.projectId, 'segmentation.manage');
    const reader = await this.access.loadOne(ctx, 'member', input.readerId, (ids) => this.members.findByIds(ids), 'segmentation.manage');
    if (reader.projectId !== input.projectId) await this.access.allowed(ctx, 'member', [input.readerId], [], 'segmentation.manage');
    return this.rounds.draw(me.userId, input.projectId, reader, input.count, input.seed);
  }

  @ResolveField(() => MemberModel)
  async reader(@Parent() draw: ReadingDrawEntity, @Context() ctx: RequestContext): Promise<MembershipEntity> {
    return this.access.loadOne(ctx, 'member', draw.readerId, (ids) => this.members.findByIds(ids), 'project.read');
  }
}

@Resolver(() => ProjectModel)
export class ProjectReadingDrawsResolver {
  constructor(@Inject(ReadingRoundsService) private readonly rounds: ReadingRoundsService, @Inject(AccessService) private readonly access: AccessService) {}

  @ResolveField(() => [ReadingDrawModel], { description: 'Recorded REPEAT-reading draws (not for READERs).' })
  async readingDraws(@Parent() project: ProjectModel, @Context() ctx: RequestContext): Promise<ReadingDrawEntity[]> {
    await this.access.inProject(ctx, project.id, 'segmentation.readAll');
    const loader = ctx.loaders.get<string, ReadingDrawEntity[]>('readingDraws.byProject', async (ids) => groupByKey(ids, await this.rounds.ofProjects(ids), (d) => d.projectId));
    return loader.load(project.id);
  }
}
