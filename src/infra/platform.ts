// Brings up what the API and the worker stand on: PostgreSQL and object storage (external when
// configured, embedded otherwise), checked reachable, migrated. Every expected failure becomes a
// StartupError with one line that says what to fix. stop() tears down in reverse order.
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import type { AppConfig, S3Settings } from './config/config.js';
import { startEmbeddedPostgres } from './database/embedded-postgres.js';
import { startEmbeddedS3 } from './storage/embedded-s3.js';
import { StorageService } from './storage/storage.service.js';
import { StartupError, describeError } from './startup-error.js';
import { readLiveRuntime, removeRuntime, writeRuntime } from './runtime-file.js';

export interface Platform {
  databaseUrl: string;
  s3: S3Settings;
  storage: StorageService;
  /** Names of the migrations this start applied. */
  appliedMigrations: string[];
  /** Which services this process started itself. */
  embedded: { postgres: boolean; objectStore: boolean };
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /**
   * Apply pending migrations (the API and `radtrace migrate` do; workers expect a migrated
   * database, except when they started the embedded one themselves).
   */
  migrate: boolean;
  /** Use embedded services another live process started on the same data directory. */
  attach: boolean;
  /** Recorded in runtime.json, e.g. 'api'. */
  role: string;
}

export async function startPlatform(config: AppConfig, logger: Logger, options: PlatformOptions): Promise<Platform> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => logger.error({ err }, 'error while stopping'));
    stops.length = 0;
  };
  try {
    const embeddedWanted = config.databaseUrl === undefined || config.s3 === undefined;
    const owner = embeddedWanted ? await readLiveRuntime(config.dataDir) : undefined;
    if (owner && !options.attach) {
      throw new StartupError(
        `RADTRACE_DATA_DIR ${config.dataDir} is in use by radtrace ${owner.role} (pid ${owner.pid}): stop it, or use another RADTRACE_DATA_DIR`,
      );
    }
    let databaseUrl = config.databaseUrl ?? owner?.databaseUrl;
    let s3 = config.s3 ?? owner?.s3;
    if (owner) logger.info({ pid: owner.pid }, 'using the embedded services of the radtrace process on this data directory');

    const startedHere = { postgres: false, objectStore: false };
    if (databaseUrl === undefined) {
      startedHere.postgres = true;
      const embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'), logger);
      stops.push(() => embedded.stop());
      databaseUrl = embedded.url;
    } else {
      await checkDatabase(databaseUrl);
    }

    if (s3 === undefined) {
      startedHere.objectStore = true;
      const embedded = await startEmbeddedS3(join(config.dataDir, 'objects'), config.bucket, logger);
      stops.push(() => embedded.stop());
      s3 = embedded.settings;
    }
    if (startedHere.postgres || startedHere.objectStore) {
      await writeRuntime(config.dataDir, {
        pid: process.pid, role: options.role, startedAt: new Date().toISOString(),
        databaseUrl: startedHere.postgres ? databaseUrl : undefined, s3: startedHere.objectStore ? s3 : undefined,
      });
      stops.push(() => removeRuntime(config.dataDir));
    }
    const storage = new StorageService(s3, config.presignExpirySeconds);
    await checkStorage(storage, s3);

    // A process that started the embedded database itself is its only user: it migrates it too.
    let applied: string[] = [];
    if (options.migrate || startedHere.postgres) {
      const { runMigrations } = await import('./database/data-source.js');
      applied = await runMigrations(databaseUrl).catch((err: unknown) => {
        throw new StartupError(`database migration failed: ${describeError(err)}`);
      });
      logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');
    }
    return {
      databaseUrl,
      s3,
      storage,
      appliedMigrations: applied,
      embedded: startedHere,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Connects once, so a wrong DATABASE_URL fails here with a clear line instead of deep in TypeORM. */
export async function checkDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new StartupError(`cannot connect to PostgreSQL at ${redact(url)} (DATABASE_URL): ${describeError(err)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkStorage(storage: StorageService, s3: S3Settings): Promise<void> {
  const where = `${s3.useSSL ? 'https' : 'http'}://${s3.endPoint}:${s3.port}`;
  try {
    await withTimeout(storage.ensureBucket(), 10_000, 'no answer within 10 s');
  } catch (err) {
    throw new StartupError(`cannot use object storage at ${where} (S3_ENDPOINT), bucket ${s3.bucket}: ${describeError(err)}`);
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
