import { Inject } from '@nestjs/common';
import { Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import { ForbiddenError, NotFoundError } from '../../infra/graphql/errors.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import { groupByKey } from '../auth/ids.js';
import type { ImagingObjectEntity } from '../imaging/imaging-object.entity.js';
import { DownloadPayload, ImagingObjectModel } from '../imaging/imaging.model.js';
import { ImagingService } from '../imaging/imaging.service.js';
import { MemberModel } from '../members/member.model.js';
import type { MembershipEntity } from '../members/membership.entity.js';
import { MembersService } from '../members/members.service.js';
import { allows } from '../members/roles.js';
import { ProjectModel } from '../projects/project.model.js';
import type { SegmentationEntity } from './segmentation.entity.js';
import {
  AssignSegmentationInput, ReadingAgreementModel, RequestSegmentationUploadInput, RequestSegmentationUploadPayload, ReviewSegmentationInput,
  SegmentationConnection, SegmentationIdInput, SegmentationModel, SegmentationPayload, SegmentationsArgs,
} from './segmentation.model.js';
import { SegmentationsService } from './segmentations.service.js';

/** READERs see only their own readings; everyone else with access sees all. */
async function visible(access: AccessService, ctx: RequestContext, seg: SegmentationEntity): Promise<boolean> {
  const caller = await access.caller(ctx);
  const member = caller.memberships.get(seg.projectId);
  return !!member && (allows(member.role, 'segmentation.readAll') || seg.readerId === member.id);
}

@Resolver(() => SegmentationModel)
export class SegmentationsResolver {
  constructor(
    @Inject(SegmentationsService) private readonly segmentations: SegmentationsService,
    @Inject(ImagingService) private readonly imaging: ImagingService,
    @Inject(MembersService) private readonly members: MembersService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  @Query(() => SegmentationModel, { description: 'A segmentation (READERs: their own only).' })
  async segmentation(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<SegmentationEntity> {
    return this.loadVisible(ctx, id);
  }

  @Mutation(() => SegmentationPayload, { description: 'Assigns a reader to segment an image in a reading round (OWNER, ANALYST).' })
  async assignSegmentation(@Args('input', { type: () => AssignSegmentationInput }) input: AssignSegmentationInput, @Context() ctx: RequestContext): Promise<SegmentationPayload> {
    const image = await this.access.loadOne(ctx, 'imagingObject', input.imageId, (ids) => this.imaging.findByIds(ids), 'segmentation.manage');
    const reader = await this.access.loadOne(ctx, 'member', input.readerId, (ids) => this.members.findByIds(ids), 'segmentation.manage');
    const caller = await this.access.caller(ctx);
    return { segmentation: await this.segmentations.assign(caller.user.id, image, reader, input.round ?? 'PRIMARY', input.label ?? 1) };
  }

  @Mutation(() => RequestSegmentationUploadPayload, { description: 'The assigned reader declares the mask file and gets a presigned PUT URL.' })
  async requestSegmentationUpload(
    @Args('input', { type: () => RequestSegmentationUploadInput }) input: RequestSegmentationUploadInput, @Context() ctx: RequestContext,
  ): Promise<RequestSegmentationUploadPayload> {
    const seg = await this.loadForWork(ctx, input.segmentationId);
    const caller = await this.access.caller(ctx);
    const { segmentation, ticket } = await this.segmentations.requestUpload(caller.user.id, seg, input);
    return { segmentation, upload: ticket };
  }

  @Mutation(() => SegmentationPayload, { description: 'Checks the uploaded mask (sha256, parses, geometry = image within 1e-4, label present) and submits it.' })
  async finalizeSegmentationUpload(@Args('input', { type: () => SegmentationIdInput }) input: SegmentationIdInput, @Context() ctx: RequestContext): Promise<SegmentationPayload> {
    const seg = await this.loadForWork(ctx, input.segmentationId);
    const [image] = await this.imaging.findByIds([seg.imageId]);
    const caller = await this.access.caller(ctx);
    return { segmentation: await this.segmentations.finalize(caller.user.id, seg, image!) };
  }

  @Mutation(() => SegmentationPayload, { description: 'Accepts or rejects a SUBMITTED segmentation (OWNER, ANALYST).' })
  async reviewSegmentation(@Args('input', { type: () => ReviewSegmentationInput }) input: ReviewSegmentationInput, @Context() ctx: RequestContext): Promise<SegmentationPayload> {
    const seg = await this.access.loadOne(ctx, 'segmentation', input.segmentationId, (ids) => this.segmentations.findByIds(ids), 'segmentation.manage');
    const caller = await this.access.caller(ctx);
    return { segmentation: await this.segmentations.review(caller.user.id, seg, input.decision, input.note ?? null) };
  }

  @Mutation(() => DownloadPayload, { description: 'A presigned GET URL for a submitted mask (audited; READERs: their own only).' })
  async requestSegmentationDownload(@Args('input', { type: () => SegmentationIdInput }) input: SegmentationIdInput, @Context() ctx: RequestContext): Promise<DownloadPayload> {
    const seg = await this.loadVisible(ctx, input.segmentationId);
    const caller = await this.access.caller(ctx);
    return this.imaging.download(caller.user.id, seg, 'segmentation');
  }

  @ResolveField(() => ImagingObjectModel)
  async image(@Parent() seg: SegmentationEntity, @Context() ctx: RequestContext): Promise<ImagingObjectEntity> {
    return this.access.loadOne(ctx, 'imagingObject', seg.imageId, (ids) => this.imaging.findByIds(ids), 'imaging.read');
  }

  @ResolveField(() => MemberModel, { description: 'The reader (a project member).' })
  async reader(@Parent() seg: SegmentationEntity, @Context() ctx: RequestContext): Promise<MembershipEntity> {
    return this.access.loadOne(ctx, 'member', seg.readerId, (ids) => this.members.findByIds(ids), 'project.read');
  }

  @ResolveField(() => ReadingAgreementModel, { nullable: true, description: 'On a REPEAT reading once both masks are in; FORBIDDEN for READERs.' })
  async agreement(@Parent() seg: SegmentationEntity, @Context() ctx: RequestContext): Promise<ReadingAgreementModel | null> {
    await this.access.allowed(ctx, 'segmentation', [seg.id], [seg], 'segmentation.readAll');
    return seg.dice === null || seg.hd95Mm === null ? null : { dice: seg.dice, hd95Mm: seg.hd95Mm };
  }

  private async loadVisible(ctx: RequestContext, id: string): Promise<SegmentationEntity> {
    const seg = await this.access.loadOne(ctx, 'segmentation', id, (ids) => this.segmentations.findByIds(ids), 'project.read');
    if (!(await visible(this.access, ctx, seg))) throw new NotFoundError('segmentation', id);
    return seg;
  }

  /** The assigned reader, or an OWNER/ANALYST, may upload and submit a mask. */
  private async loadForWork(ctx: RequestContext, id: string): Promise<SegmentationEntity> {
    const seg = await this.loadVisible(ctx, id);
    const caller = await this.access.caller(ctx);
    const member = caller.memberships.get(seg.projectId)!;
    const mine = seg.readerId === member.id && allows(member.role, 'segmentation.work');
    if (!mine && !allows(member.role, 'segmentation.manage')) throw new ForbiddenError(`only the assigned reader or an OWNER/ANALYST may upload segmentation ${id}`);
    return seg;
  }
}

@Resolver(() => ImagingObjectModel)
export class ImageSegmentationsResolver {
  constructor(@Inject(SegmentationsService) private readonly segmentationList: SegmentationsService, @Inject(AccessService) private readonly access: AccessService) {}

  @ResolveField(() => [SegmentationModel], { description: 'Readings of this image (READERs: their own only).' })
  async segmentations(@Parent() image: ImagingObjectEntity, @Context() ctx: RequestContext): Promise<SegmentationEntity[]> {
    await this.access.allowed(ctx, 'imagingObject', [image.id], [image], 'imaging.read');
    const loader = ctx.loaders.get<string, SegmentationEntity[]>('segmentations.byImage', async (ids) => groupByKey(ids, await this.segmentationList.ofImages(ids), (s) => s.imageId));
    const all = await loader.load(image.id);
    const shown: SegmentationEntity[] = [];
    for (const seg of all) if (await visible(this.access, ctx, seg)) shown.push(seg);
    return shown;
  }
}

@Resolver(() => ProjectModel)
export class ProjectSegmentationsResolver {
  constructor(@Inject(SegmentationsService) private readonly segmentationList: SegmentationsService, @Inject(AccessService) private readonly access: AccessService) {}

  @ResolveField(() => SegmentationConnection, {
    description: 'Readings, filtered by status, reader or round. READERs get their own assignments only.',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (Number(args.first) || 20),
  })
  async segmentations(@Parent() project: ProjectModel, @Args({ type: () => SegmentationsArgs }) args: SegmentationsArgs, @Context() ctx: RequestContext): Promise<SegmentationConnection> {
    const me = await this.access.inProject(ctx, project.id, 'project.read');
    const readerId = allows(me.role, 'segmentation.readAll') ? args.readerId : me.id;
    if (!allows(me.role, 'segmentation.readAll') && !allows(me.role, 'segmentation.work')) throw new ForbiddenError();
    return this.segmentationList.list(project.id, { status: args.status, round: args.round, readerId }, args);
  }
}
