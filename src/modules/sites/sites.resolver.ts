import { Inject } from '@nestjs/common';
import { Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import { byKeys, type RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import type { Permission } from '../members/roles.js';
import { ProjectModel } from '../projects/project.model.js';
import type { SiteEntity } from './site.entity.js';
import { AddSiteInput, SiteModel, SitePayload } from './site.model.js';
import { SitesService } from './sites.service.js';

@Resolver(() => SiteModel)
export class SitesResolver {
  constructor(@Inject(SitesService) private readonly sites: SitesService, @Inject(AccessService) private readonly access: AccessService) {}

  @Mutation(() => SitePayload, { description: 'Adds a site to a project (OWNER or ANALYST).' })
  async addSite(@Args('input', { type: () => AddSiteInput }) input: AddSiteInput, @Context() ctx: RequestContext): Promise<SitePayload> {
    const me = await this.access.inProject(ctx, input.projectId, 'clinical.write');
    return { site: await this.sites.create(me.userId, input.projectId, input.name) };
  }

  static async load(ctx: RequestContext, sites: SitesService, access: AccessService, ids: string[], permission: Permission): Promise<SiteEntity[]> {
    const loader = ctx.loaders.get<string, SiteEntity | null>('sites.byId', async (keys) => byKeys(keys, await sites.findByIds(keys), (s) => s.id));
    const rows = (await loader.loadMany(ids)).filter((r): r is SiteEntity => r !== null && !(r instanceof Error));
    return access.allowed(ctx, 'site', ids, rows, permission);
  }
}

@Resolver(() => ProjectModel)
export class ProjectSitesResolver {
  constructor(@Inject(SitesService) private readonly siteList: SitesService, @Inject(AccessService) private readonly access: AccessService) {}

  @ResolveField(() => [SiteModel])
  async sites(@Parent() project: ProjectModel, @Context() ctx: RequestContext): Promise<SiteEntity[]> {
    await this.access.inProject(ctx, project.id, 'project.read');
    const loader = ctx.loaders.get<string, SiteEntity[]>('sites.byProject', async (ids) => {
      const rows = await this.siteList.ofProjects(ids);
      return ids.map((id) => rows.filter((s) => s.projectId === id));
    });
    return loader.load(project.id);
  }
}
