import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import { NotFoundError } from '../../infra/graphql/errors.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import { PatientsService } from '../patients/patients.service.js';
import { ProjectModel } from '../projects/project.model.js';
import { CohortSummaryArgs, CohortSummaryModel } from './cohort.model.js';
import { tableOne } from './table-one.js';

@Resolver(() => ProjectModel)
export class CohortResolver {
  constructor(@Inject(PatientsService) private readonly patients: PatientsService, @Inject(AccessService) private readonly access: AccessService) {}

  @ResolveField(() => CohortSummaryModel, { description: 'Table 1, PFS median (95% CI) and median follow-up of a selection (not for READERs).', complexity: 20 })
  async cohortSummary(@Parent() project: ProjectModel, @Args({ type: () => CohortSummaryArgs }) args: CohortSummaryArgs, @Context() ctx: RequestContext): Promise<CohortSummaryModel> {
    await this.access.inProject(ctx, project.id, 'clinical.read');
    let selection = await this.patients.ofProject(project.id, args.patientIds ?? undefined);
    if (args.patientIds) {
      const found = new Set(selection.map((p) => p.id));
      const missing = args.patientIds.find((id) => !found.has(id));
      if (missing) throw new NotFoundError('patient', missing);
    }
    if (args.siteId) selection = selection.filter((p) => p.siteId === args.siteId);
    return tableOne(selection, args.ageCutoff ?? 60);
  }
}
