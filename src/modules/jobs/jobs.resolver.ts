import { Inject } from '@nestjs/common';
import { Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import { byKeys, type RequestContext } from '../../infra/graphql/request-context.js';
import { NotFoundError } from '../../infra/graphql/errors.js';
import { EnqueueDiagnosticJobInput, EnqueueJobPayload, JobsArgs } from './job.inputs.js';
import { JobConnection, JobModel } from './job.model.js';
import type { JobEntity } from './job.entity.js';
import { JobsService } from './jobs.service.js';

@Resolver(() => JobModel)
export class JobsResolver {
  constructor(@Inject(JobsService) private readonly service: JobsService) {}

  @Query(() => JobModel, { description: 'One job by id (NOT_FOUND if there is none).' })
  async job(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<JobModel> {
    const job = await JobsResolver.loader(ctx, this.service).load(id);
    if (!job) throw new NotFoundError('job', id);
    return job;
  }

  // A page costs its size times the cost of one node.
  @Query(() => JobConnection, { description: 'Jobs, newest first.', complexity: ({ args, childComplexity }) => 1 + childComplexity * (Number(args.first) || 20) })
  async jobs(@Args({ type: () => JobsArgs }) args: JobsArgs): Promise<JobConnection> {
    return this.service.list(args);
  }

  @Mutation(() => EnqueueJobPayload, { description: 'Queues a diagnostic job; poll `job(id)` for its progress and result.' })
  async enqueueDiagnosticJob(
    @Args('input', { type: () => EnqueueDiagnosticJobInput, nullable: true }) input: EnqueueDiagnosticJobInput | null,
  ): Promise<EnqueueJobPayload> {
    return { job: await this.service.enqueue('diagnostic', { ...(input ?? {}) }) };
  }

  /** Jobs by id, batched per request (other modules' resolvers use this for their `job` fields). */
  static loader(ctx: RequestContext, jobs: JobsService) {
    return ctx.loaders.get<string, JobEntity | null>('jobs.byId', async (ids) => byKeys(ids, await jobs.findByIds(ids), (job) => job.id));
  }
}
