// The `diagnostic` job: a worker reports progress in steps, writes a small object to storage and
// reads it back, and says which process it ran in. Used to check a deployment end to end.
import { hostname } from 'node:os';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BadInputError } from '../../infra/graphql/errors.js';
import { StorageService } from '../../infra/storage/storage.service.js';
import { JobHandlerRegistry, type JobHandler, type JobProgress } from './job-handlers.js';

export interface DiagnosticInput {
  steps: number;
  stepDelayMs: number;
  echo: string;
  fail: boolean;
}

@Injectable()
export class DiagnosticJob implements JobHandler<DiagnosticInput>, OnModuleInit {
  readonly kind = 'diagnostic';

  constructor(
    @Inject(JobHandlerRegistry) private readonly registry: JobHandlerRegistry,
    @Inject(StorageService) private readonly storage: StorageService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  validate(input: Record<string, unknown>): DiagnosticInput {
    const steps = input.steps ?? 3;
    const stepDelayMs = input.stepDelayMs ?? 50;
    const echo = input.echo ?? 'hello from RadTrace';
    if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > 100) throw new BadInputError('steps must be an integer from 1 to 100', 'steps');
    if (typeof stepDelayMs !== 'number' || !Number.isInteger(stepDelayMs) || stepDelayMs < 0 || stepDelayMs > 10_000) {
      throw new BadInputError('stepDelayMs must be an integer from 0 to 10000', 'stepDelayMs');
    }
    if (typeof echo !== 'string' || echo.length > 10_000) throw new BadInputError('echo must be a text of at most 10000 characters', 'echo');
    return { steps, stepDelayMs, echo, fail: input.fail === true };
  }

  async run(input: DiagnosticInput, progress: JobProgress): Promise<Record<string, unknown>> {
    for (let step = 1; step <= input.steps; step++) {
      await new Promise((resolve) => setTimeout(resolve, input.stepDelayMs));
      await progress.report(step / (input.steps + 1), `step ${step} of ${input.steps}`);
    }
    if (input.fail) throw new Error('diagnostic job failed on request (fail: true)');
    const stored = await this.storage.putBytes(Buffer.from(input.echo, 'utf8'));
    const readBack = (await this.storage.get(stored.sha256)).toString('utf8');
    return { echo: readBack, objectSha256: stored.sha256, workerPid: process.pid, workerHost: hostname(), steps: input.steps };
  }
}
