import { Inject } from '@nestjs/common';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import { ImportPatientsInput, ImportPatientsPayload } from './imports.model.js';
import { ImportsService } from './imports.service.js';

@Resolver()
export class ImportsResolver {
  constructor(@Inject(ImportsService) private readonly imports: ImportsService, @Inject(AccessService) private readonly access: AccessService) {}

  @Mutation(() => ImportPatientsPayload, { description: 'Imports patients, covariates and outcomes from CSV: all rows or none, every bad row reported (OWNER, ANALYST).' })
  async importPatients(@Args('input', { type: () => ImportPatientsInput }) input: ImportPatientsInput, @Context() ctx: RequestContext): Promise<ImportPatientsPayload> {
    const me = await this.access.inProject(ctx, input.projectId, 'clinical.write');
    return this.imports.importPatients(me.userId, input.projectId, input.csv, input.mapping, input.defaultSiteId);
  }
}
