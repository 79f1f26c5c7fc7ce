import { Inject } from '@nestjs/common';
import { Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import { byKeys, type RequestContext } from '../../infra/graphql/request-context.js';
import { ForbiddenError, NotFoundError } from '../../infra/graphql/errors.js';
import { AuthService } from '../auth/auth.service.js';
import { EnqueueDiagnosticJobInput, EnqueueJobPayload, JobsArgs } from './job.inputs.js';
import { JobConnection, JobModel } from './job.model.js';
import type { JobEntity } from './job.entity.js';
import { JobsService } from './jobs.service.js';

// Jobs have no project yet (the `job` table records none), so the platform-wide job API is for
// platform administrators only: nobody else sees, lists or starts one. To anyone else a job id
// is NOT_FOUND, exactly like an id that does not exist.
@Resolver(() => JobModel)
export class JobsResolver {
  constructor(@Inject(JobsService) private readonly service: JobsService, @Inject(AuthService) private readonly auth: AuthService) {}

  @Query(() => JobModel, { description: 'One job by id (platform administrators; NOT_FOUND if there is none or you are not one).' })
  async job(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<JobModel> {
    if (!(await this.isAdmin(ctx))) throw new NotFoundError('job', id);
    const job = await JobsResolver.loader(ctx, this.service).load(id);
    if (!job) throw new NotFoundError('job', id);
    return job;
  }

  // A page costs its size times the cost of one node.
  @Query(() => JobConnection, {
    description: 'Jobs, newest first (platform administrators).',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (Number(args.first) || 20),
  })
  async jobs(@Args({ type: () => JobsArgs }) args: JobsArgs, @Context() ctx: RequestContext): Promise<JobConnection> {
    if (!(await this.isAdmin(ctx))) throw new ForbiddenError('only platform administrators list jobs');
    return this.service.list(args);
  }

  @Mutation(() => EnqueueJobPayload, { description: 'Queues a diagnostic job (platform administrators); poll `job(id)` for its progress and result.' })
  async enqueueDiagnosticJob(
    @Args('input', { type: () => EnqueueDiagnosticJobInput, nullable: true }) input: EnqueueDiagnosticJobInput | null,
    @Context() ctx: RequestContext,
  ): Promise<EnqueueJobPayload> {
    if (!(await this.isAdmin(ctx))) throw new ForbiddenError('only platform administrators run diagnostic jobs');
    return { job: await this.service.enqueue('diagnostic', { ...(input ?? {}) }) };
  }

  private async isAdmin(ctx: RequestContext): Promise<boolean> {
    return (await this.auth.caller(ctx)).user.isAdmin;
  }

  /** Jobs by id, batched per request (other modules' resolvers use this for their `job` fields). */
  static loader(ctx: RequestContext, jobs: JobsService) {
    return ctx.loaders.get<string, JobEntity | null>('jobs.byId', async (ids) => byKeys(ids, await jobs.findByIds(ids), (job) => job.id));
  }
}
