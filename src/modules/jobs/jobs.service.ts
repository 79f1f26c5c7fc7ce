// Owns the `job` table. Other modules enqueue work through enqueue(); the runner reports back.
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { decodeCursor, paginate, pageSize, type ConnectionShape } from '../../infra/graphql/connection.js';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { JobHandlerRegistry } from './job-handlers.js';
import { JobEntity, type JobStatus } from './job.entity.js';
import { BadInputError, NotFoundError } from '../../infra/graphql/errors.js';

export interface JobMessage {
  jobId: string;
}

@Injectable()
export class JobsService {
  constructor(
    @InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>,
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(JobHandlerRegistry) private readonly handlers: JobHandlerRegistry,
  ) {}

  /** Validates the input with the kind's handler, records the job, and queues it. */
  async enqueue(kind: string, input: Record<string, unknown>): Promise<JobEntity> {
    const handler = this.handlers.get(kind);
    if (!handler) throw new BadInputError(`unknown job kind '${kind}'`, 'kind');
    const normalised = handler.validate(input) as Record<string, unknown>;
    // Row and queue message commit together: no QUEUED row without a message, nor the reverse.
    const id = await this.jobs.manager.transaction(async (manager) => {
      const job = await manager.save(JobEntity, manager.create(JobEntity, { kind, status: 'QUEUED', progress: 0, input: normalised, attempts: 0 }));
      await this.queue.send<JobMessage>(kind, { jobId: job.id }, {
        retryLimit: handler.retryLimit ?? 0,
        expireInSeconds: handler.timeoutSeconds ?? 3600,
        sql: (text, values) => manager.query(text, values),
      });
      return job.id;
    });
    return this.get(id);
  }

  async get(id: string): Promise<JobEntity> {
    const job = await this.jobs.findOneBy({ id });
    if (!job) throw new NotFoundError('job', id);
    return job;
  }

  /** For DataLoaders: the jobs with these ids, in any order. */
  async findByIds(ids: readonly string[]): Promise<JobEntity[]> {
    const valid = ids.filter((id) => UUID.test(id));
    return valid.length ? this.jobs.createQueryBuilder('job').where('job.id IN (:...ids)', { ids: valid }).getMany() : [];
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(args: { first?: number; after?: string; status?: JobStatus }): Promise<ConnectionShape<JobEntity>> {
    const first = pageSize(args);
    const query = this.jobs.createQueryBuilder('job').orderBy('job.created_at', 'DESC').addOrderBy('job.id', 'DESC').limit(first + 1);
    if (args.status) query.andWhere('job.status = :status', { status: args.status });
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after);
      if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || typeof id !== 'string' || !UUID.test(id)) {
        throw new BadInputError('after is not a cursor of this list', 'after');
      }
      query.andWhere('(job.created_at, job.id) < (:createdAt, :id)', { createdAt, id });
    }
    return paginate(await query.getMany(), first, (job) => [job.createdAt.toISOString(), job.id]);
  }

  /** Claims a job for a run; null when it has no row or already finished (a duplicate delivery). */
  async markRunning(id: string, worker: string): Promise<JobEntity | null> {
    const claimed = await this.jobs
      .createQueryBuilder()
      .update(JobEntity)
      .set({ status: 'RUNNING', startedAt: () => 'now()', worker, error: null, updatedAt: () => 'now()', attempts: () => 'attempts + 1' })
      .where('id = :id AND status IN (:...open)', { id, open: ['QUEUED', 'RUNNING'] })
      .execute();
    return claimed.affected ? this.jobs.findOneBy({ id }) : null;
  }

  async reportProgress(id: string, fraction: number, message?: string): Promise<void> {
    const progress = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    await this.jobs.update({ id }, { progress, message: message ?? null, updatedAt: new Date() });
  }

  async markSucceeded(id: string, result: Record<string, unknown>): Promise<void> {
    // Plain SQL: TypeORM's update() typing does not accept a free-form jsonb object.
    await this.jobs.query(
      `UPDATE job SET status = 'SUCCEEDED', progress = 1, result = $2::jsonb, finished_at = now(), updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(result)],
    );
  }

  /** `willRetry`: the queue will run it again, so it goes back to QUEUED with the error kept. */
  async markFailed(id: string, error: string, willRetry: boolean): Promise<void> {
    await this.jobs.update({ id }, {
      status: willRetry ? 'QUEUED' : 'FAILED', error, finishedAt: willRetry ? null : new Date(), updatedAt: new Date(),
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
