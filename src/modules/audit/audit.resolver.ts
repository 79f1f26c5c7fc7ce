import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import { ProjectModel } from '../projects/project.model.js';
import { AuditEventConnection, AuditEventsArgs } from './audit.model.js';
import { AuditService } from './audit.service.js';

@Resolver(() => ProjectModel)
export class ProjectAuditResolver {
  constructor(@Inject(AuditService) private readonly audit: AuditService, @Inject(AccessService) private readonly access: AccessService) {}

  @ResolveField(() => AuditEventConnection, {
    description: 'The project\'s audit events, newest first (OWNER).',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (Number(args.first) || 20),
  })
  async auditEvents(@Parent() project: ProjectModel, @Args({ type: () => AuditEventsArgs }) args: AuditEventsArgs, @Context() ctx: RequestContext): Promise<AuditEventConnection> {
    await this.access.inProject(ctx, project.id, 'audit.read');
    const page = await this.audit.listForProject(project.id, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: { ...e.node, seq: String(e.node.seq) } })) };
  }
}
