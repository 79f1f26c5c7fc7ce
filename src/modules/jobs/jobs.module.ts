// Jobs: the `job` table, its GraphQL API, the runner that executes queued jobs in workers, and
// the `diagnostic` job kind. Other modules add kinds by registering a JobHandler.
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { DiagnosticJob } from './diagnostic.job.js';
import { JobHandlerRegistry } from './job-handlers.js';
import { JobRunner } from './job-runner.service.js';
import { JobEntity } from './job.entity.js';
import { JobsResolver } from './jobs.resolver.js';
import { JobsService } from './jobs.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([JobEntity]), AuthModule],
  providers: [JobHandlerRegistry, JobsService, JobRunner, JobsResolver, DiagnosticJob],
  exports: [JobsService, JobHandlerRegistry],
})
export class JobsModule {}
