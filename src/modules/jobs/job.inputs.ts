import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionArgs } from '../../infra/graphql/connection.js';
import { JobModel, JobStatusValues } from './job.model.js';
import type { JobStatus } from './job.entity.js';

@InputType({ description: 'A self-test job: proves a worker can reach the database and object storage.' })
export class EnqueueDiagnosticJobInput {
  @Field(() => Int, { nullable: true, description: 'Progress steps to report, 1 to 100 (default 3).' })
  steps?: number;

  @Field(() => Int, { nullable: true, description: 'Pause per step in milliseconds, 0 to 10000 (default 50).' })
  stepDelayMs?: number;

  @Field(() => String, { nullable: true, description: 'Text the worker stores as an object and echoes back.' })
  echo?: string;

  @Field(() => Boolean, { nullable: true, description: 'Make the job fail, to see a failure reported.' })
  fail?: boolean;
}

@ObjectType()
export class EnqueueJobPayload {
  @Field(() => JobModel)
  job: JobModel;
}

@ArgsType()
export class JobsArgs extends ConnectionArgs {
  @Field(() => JobStatusValues, { nullable: true })
  status?: JobStatus;
}
