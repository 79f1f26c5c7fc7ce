// How a module makes a kind of job runnable: implement JobHandler and register it with the
// JobHandlerRegistry in onModuleInit. Workers run every registered kind.
import { Injectable } from '@nestjs/common';

export interface JobProgress {
  /** Records progress (0..1) and an optional message, visible to API clients. */
  report(fraction: number, message?: string): Promise<void>;
}

export interface JobHandler<Input extends object = Record<string, unknown>> {
  /** The job kind, also the pg-boss queue name. */
  readonly kind: string;
  /** Attempts after a failure (default 0: a failed job stays failed). */
  readonly retryLimit?: number;
  /** An attempt running longer than this is failed (default 3600 s). */
  readonly timeoutSeconds?: number;
  /** Checks and normalises input when the job is enqueued; throws BadInputError on bad input. */
  validate(input: Record<string, unknown>): Input;
  /** Does the work; the returned object becomes the job's result. */
  run(input: Input, progress: JobProgress, jobId: string): Promise<Record<string, unknown>>;
}

@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler<object>>();

  register<Input extends object>(handler: JobHandler<Input>): void {
    if (this.handlers.has(handler.kind)) throw new Error(`job kind '${handler.kind}' is registered twice`);
    this.handlers.set(handler.kind, handler as unknown as JobHandler<object>);
  }

  get(kind: string): JobHandler<object> | undefined {
    return this.handlers.get(kind);
  }

  all(): JobHandler<object>[] {
    return [...this.handlers.values()];
  }
}
