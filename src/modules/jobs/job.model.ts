// GraphQL view of a job. Every field names its type explicitly (no reliance on emitted metadata).
import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../infra/graphql/connection.js';
import { JSONScalar } from '../../infra/graphql/json.scalar.js';
import type { JobStatus } from './job.entity.js';

export const JobStatusValues = { QUEUED: 'QUEUED', RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;
registerEnumType(JobStatusValues, { name: 'JobStatus', description: 'Where a job is in its life.' });

@ObjectType('Job', { description: 'A unit of heavy work run by a worker; poll it for progress.' })
export class JobModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'What the job does, e.g. "diagnostic".' })
  kind: string;

  @Field(() => JobStatusValues)
  status: JobStatus;

  @Field(() => Float, { description: 'Fraction done, 0 to 1.' })
  progress: number;

  @Field(() => String, { nullable: true, description: 'Last progress message.' })
  message: string | null;

  @Field(() => JSONScalar)
  input: Record<string, unknown>;

  @Field(() => JSONScalar, { nullable: true })
  result: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  error: string | null;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true, description: 'host:pid of the worker that last ran it.' })
  worker: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt: Date | null;
}

@ObjectType()
export class JobConnection extends Connection(JobModel) {}
