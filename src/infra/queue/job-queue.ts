// A thin wrapper over pg-boss: the queue lives in PostgreSQL (schema `pgboss`), so any number of
// workers on any number of machines share it through the one database.
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export interface QueuedMessage<T> {
  id: string;
  data: T;
  /** How many times this message was retried before this attempt. */
  retryCount: number;
  retryLimit: number;
}

export interface SendOptions {
  /** Attempts after the first failure (default 0). */
  retryLimit?: number;
  /** A running attempt is failed after this long (default 3600). */
  expireInSeconds?: number;
  /** Run the insert through this query function (e.g. a TypeORM transaction's `query`). */
  sql?: (text: string, values: unknown[]) => Promise<unknown[]>;
}

export interface WorkOptions {
  concurrency: number;
  /** Attempts after the first failure. */
  retryLimit?: number;
}

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly created = new Set<string>();
  private started = false;
  readonly workerName = `${hostname()}:${process.pid}`;

  constructor(databaseUrl: string, private readonly logger: Logger) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      application_name: 'radtrace-queue',
      max: 4,
      // The API and each worker could all run maintenance; pg-boss coordinates it with a lock.
      supervise: true,
      schedule: false,
    });
    this.boss.on('error', (err) => this.logger.error({ err }, 'job queue error'));
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  /**
   * Adds a message. Pass `sql` (a query function of an open transaction) to add it in that
   * transaction, so the message exists exactly when the caller's rows commit.
   */
  async send<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<string> {
    await this.ensureQueue(queue);
    const db = options.sql && { executeSql: async (text: string, values: unknown[]) => ({ rows: await options.sql!(text, values) }) };
    const id = await this.boss.send(queue, data, {
      retryLimit: options.retryLimit ?? 0,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: options.expireInSeconds ?? 3600,
      ...(db ? { db } : {}),
    });
    if (!id) throw new Error(`job queue refused a message for ${queue}`);
    return id;
  }

  /** Runs `handler` for messages of `queue`, up to `concurrency` at a time in this process. */
  async work<T extends object>(queue: string, options: WorkOptions, handler: (message: QueuedMessage<T>) => Promise<void>): Promise<void> {
    await this.ensureQueue(queue);
    for (let slot = 0; slot < options.concurrency; slot++) {
      await this.boss.work<T>(queue, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
        if (!job) return;
        await handler({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit });
      });
    }
  }

  /** Stops taking messages, lets running handlers finish (up to `timeoutMs`), closes the pool. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }

  private async ensureQueue(queue: string): Promise<void> {
    if (this.created.has(queue)) return;
    if (!(await this.boss.getQueue(queue))) await this.boss.createQueue(queue);
    this.created.add(queue);
  }
}
