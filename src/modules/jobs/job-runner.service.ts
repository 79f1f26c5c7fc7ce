// In a process with the worker role (`radtrace worker`, or `radtrace serve` with the in-process
// worker on), takes jobs of every registered kind from the queue and runs them.
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../../infra/config/config.js';
import { JobQueue, type QueuedMessage } from '../../infra/queue/job-queue.js';
import { APP_CONFIG, LOGGER, PROCESS_ROLE, type ProcessRole } from '../../infra/tokens.js';
import { JobHandlerRegistry, type JobHandler } from './job-handlers.js';
import { JobsService, type JobMessage } from './jobs.service.js';

@Injectable()
export class JobRunner implements OnApplicationBootstrap {
  private readonly log: Logger;

  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(JobsService) private readonly jobs: JobsService,
    @Inject(JobHandlerRegistry) private readonly handlers: JobHandlerRegistry,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'job-runner' });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.role.worker) return;
    const kinds = this.handlers.all();
    for (const handler of kinds) {
      await this.queue.work<JobMessage>(handler.kind, { concurrency: this.config.workerConcurrency }, (message) => this.runOne(handler, message));
    }
    this.log.info({ kinds: kinds.map((h) => h.kind), concurrency: this.config.workerConcurrency, worker: this.queue.workerName }, 'worker taking jobs');
  }

  private async runOne(handler: JobHandler<object>, message: QueuedMessage<JobMessage>): Promise<void> {
    const { jobId } = message.data;
    const job = await this.jobs.markRunning(jobId, this.queue.workerName);
    if (!job) {
      this.log.warn({ jobId }, 'queued job has no open row (finished already, or never recorded); skipped');
      return;
    }
    const log = this.log.child({ jobId, kind: handler.kind, attempt: job.attempts });
    log.info('job started');
    const started = Date.now();
    try {
      const result = await handler.run(job.input, { report: (fraction, text) => this.jobs.reportProgress(jobId, fraction, text) }, jobId);
      await this.jobs.markSucceeded(jobId, result);
      log.info({ ms: Date.now() - started }, 'job succeeded');
    } catch (err) {
      const willRetry = message.retryCount < message.retryLimit;
      const reason = err instanceof Error ? err.message : String(err);
      await this.jobs.markFailed(jobId, reason, willRetry);
      log.warn({ err, willRetry }, 'job failed');
      // Let pg-boss schedule the retry (or record the failure on its side).
      throw err;
    }
  }
}
