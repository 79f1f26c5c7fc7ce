// Every migration, in order. Listed explicitly (not globbed) so they load the same way from
// TypeScript sources, compiled output and tests. Add new migrations at the end.
import type { MigrationInterface } from 'typeorm';
import { JobQueueSchema1764201600000 } from './1764201600000-job-queue-schema.js';
import { Jobs1764201600001 } from './1764201600001-jobs.js';
import { ResearchData1764300000000 } from './1764300000000-research-data.js';

export const migrations: (new () => MigrationInterface)[] = [JobQueueSchema1764201600000, Jobs1764201600001, ResearchData1764300000000];
