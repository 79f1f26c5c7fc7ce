import { Inject } from '@nestjs/common';
import { Context, Float, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import { ProjectModel } from '../projects/project.model.js';
import { SegmentationsService } from '../segmentations/segmentations.service.js';
import { SiteModel } from '../sites/site.model.js';
import type { SiteEntity } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import type { PatientEntity } from './patient.entity.js';
import { parseExtraCovariates, type PatientFields } from './patient-fields.js';
import {
  CreatePatientInput, PatientConnection, PatientCovariatesModel, PatientModel, PatientOutcomeModel, PatientPayload, PatientsArgs, SexValues, UpdatePatientInput,
} from './patient.model.js';
import { PatientsService } from './patients.service.js';

@Resolver(() => PatientModel)
export class PatientsResolver {
  constructor(
    @Inject(PatientsService) private readonly patients: PatientsService,
    @Inject(SitesService) private readonly sites: SitesService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  @Query(() => PatientModel, { description: 'A patient (clinical fields need a role that may see clinical data).' })
  async patient(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<PatientEntity> {
    return this.access.loadOne(ctx, 'patient', id, (ids) => this.patients.findByIds(ids), 'project.read');
  }

  @Mutation(() => PatientPayload, { description: 'Registers a patient (OWNER, ANALYST).' })
  async createPatient(@Args('input', { type: () => CreatePatientInput }) input: CreatePatientInput, @Context() ctx: RequestContext): Promise<PatientPayload> {
    const me = await this.access.inProject(ctx, input.projectId, 'clinical.write');
    await this.checkSite(input.siteId, input.projectId);
    const fields: PatientFields = {
      key: input.key, siteId: input.siteId, sex: input.sex ?? null, ageAtDiagnosis: input.ageAtDiagnosis ?? null, bmiCategory: input.bmiCategory ?? null,
      smoking: input.smoking ?? null, drinking: input.drinking ?? null, ecog: input.ecog ?? null, extraCovariates: parseExtraCovariates(input.extraCovariates),
      diagnosisDate: input.diagnosisDate ?? null, progressionOrDeathDate: input.progressionOrDeathDate ?? null, lastFollowUpDate: input.lastFollowUpDate ?? null,
    };
    return { patient: await this.patients.create(me.userId, input.projectId, fields) };
  }

  @Mutation(() => PatientPayload, { description: 'Changes a patient\'s fields (OWNER, ANALYST); PFS is derived again.' })
  async updatePatient(@Args('input', { type: () => UpdatePatientInput }) input: UpdatePatientInput, @Context() ctx: RequestContext): Promise<PatientPayload> {
    const current = await this.access.loadOne(ctx, 'patient', input.patientId, (ids) => this.patients.findByIds(ids), 'clinical.write');
    if (input.siteId) await this.checkSite(input.siteId, current.projectId);
    const { patientId: _ignored, extraCovariates, ...rest } = input;
    const changes: Partial<PatientFields> = { ...rest, ...(extraCovariates !== undefined ? { extraCovariates: parseExtraCovariates(extraCovariates) } : {}) };
    const caller = await this.access.caller(ctx);
    return { patient: await this.patients.update(caller.user.id, current, changes) };
  }

  @ResolveField(() => SiteModel)
  async site(@Parent() patient: PatientModel, @Context() ctx: RequestContext): Promise<SiteEntity> {
    return this.access.loadOne(ctx, 'site', patient.siteId, (ids) => this.sites.findByIds(ids), 'project.read');
  }

  @ResolveField(() => SexValues, { nullable: true, description: 'Clinical: FORBIDDEN for READERs.' })
  async sex(@Parent() patient: PatientEntity, @Context() ctx: RequestContext): Promise<string | null> {
    return (await this.clinical(ctx, patient)).sex;
  }

  @ResolveField(() => Float, { nullable: true, description: 'Clinical: FORBIDDEN for READERs.' })
  async ageAtDiagnosis(@Parent() patient: PatientEntity, @Context() ctx: RequestContext): Promise<number | null> {
    return (await this.clinical(ctx, patient)).ageAtDiagnosis;
  }

  @ResolveField(() => PatientCovariatesModel, { nullable: true, description: 'Clinical: FORBIDDEN for READERs.' })
  async covariates(@Parent() patient: PatientEntity, @Context() ctx: RequestContext): Promise<PatientCovariatesModel> {
    const p = await this.clinical(ctx, patient);
    return { bmiCategory: p.bmiCategory, smoking: p.smoking, drinking: p.drinking, ecog: p.ecog, extra: p.extraCovariates };
  }

  @ResolveField(() => PatientOutcomeModel, { nullable: true, description: 'Outcome: FORBIDDEN for READERs.' })
  async outcome(@Parent() patient: PatientEntity, @Context() ctx: RequestContext): Promise<PatientOutcomeModel> {
    const p = await this.clinical(ctx, patient);
    return { diagnosisDate: p.diagnosisDate, progressionOrDeathDate: p.progressionOrDeathDate, lastFollowUpDate: p.lastFollowUpDate, pfsMonths: p.pfsMonths, pfsEvent: p.pfsEvent };
  }

  /** Field-level blinding: the same check wherever a Patient appears in a query. */
  private async clinical(ctx: RequestContext, patient: PatientEntity): Promise<PatientEntity> {
    await this.access.allowed(ctx, 'patient', [patient.id], [patient], 'clinical.read');
    return patient;
  }

  private async checkSite(siteId: string, projectId: string): Promise<void> {
    const [site] = await this.sites.findByIds([siteId]);
    PatientsService.checkSiteInProject(site, projectId, siteId);
  }
}

@Resolver(() => ProjectModel)
export class ProjectPatientsResolver {
  constructor(
    @Inject(PatientsService) private readonly patientList: PatientsService,
    @Inject(SegmentationsService) private readonly segmentations: SegmentationsService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  @ResolveField(() => PatientConnection, {
    description: 'Patients by key, filtered by site, covariate, or having a REPEAT reading (needs clinical access: not for READERs).',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (Number(args.first) || 20),
  })
  async patients(@Parent() project: ProjectModel, @Args({ type: () => PatientsArgs }) args: PatientsArgs, @Context() ctx: RequestContext): Promise<PatientConnection> {
    await this.access.inProject(ctx, project.id, 'clinical.read');
    let idIn: string[] | undefined;
    let idNotIn: string[] | undefined;
    if (args.hasRepeatReading !== undefined && args.hasRepeatReading !== null) {
      const withRepeat = await this.segmentations.patientIdsWithRound(project.id, 'REPEAT');
      if (args.hasRepeatReading) idIn = withRepeat;
      else idNotIn = withRepeat;
    }
    return this.patientList.list(project.id, { siteId: args.siteId, covariate: args.covariate, idIn, idNotIn }, args);
  }
}
