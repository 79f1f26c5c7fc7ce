// Configuration from environment variables, validated once at start-up. Every problem becomes one
// line naming the variable, so a wrong setting never surfaces later as a stack trace.
import { isAbsolute, resolve } from 'node:path';

export interface S3Settings {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** undefined: start the embedded PostgreSQL under `${dataDir}/pg`. */
  databaseUrl: string | undefined;
  /** undefined: start the embedded S3-compatible server under `${dataDir}/objects`. */
  s3: S3Settings | undefined;
  /** Bucket used by the embedded server (and the default for an external one). */
  bucket: string;
  /** Run job handlers inside the API process (`npm start`). */
  inProcessWorker: boolean;
  workerConcurrency: number;
  logLevel: string;
  /** Upper bound on how long presigned URLs stay valid. */
  presignExpirySeconds: number;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
}

/** A configuration problem; `problems` holds one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Reads and validates the configuration; throws ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name}=${raw} is invalid: expected an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name}=${raw} is invalid: expected true or false`);
    return fallback;
  };

  const port = integer('PORT', 4000, 0, 65535);
  const host = read('HOST') ?? '0.0.0.0';
  const dataDirRaw = read('RADTRACE_DATA_DIR') ?? './.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const databaseUrl = parseDatabaseUrl(read('DATABASE_URL'), problems);
  const bucket = read('S3_BUCKET') ?? 'radtrace';
  if (!BUCKET_NAME.test(bucket)) {
    problems.push(`S3_BUCKET=${bucket} is invalid: expected 3-63 lower-case letters, digits, dots or hyphens`);
  }
  const s3 = parseS3(read, bucket, problems);
  const inProcessWorker = boolean('RADTRACE_IN_PROCESS_WORKER', true);
  const workerConcurrency = integer('RADTRACE_WORKER_CONCURRENCY', 2, 1, 64);
  const logLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL=${logLevel} is invalid: expected one of ${LOG_LEVELS.join(', ')}`);
  }
  const presignExpirySeconds = integer('S3_PRESIGN_EXPIRY_SECONDS', 3600, 60, 7 * 24 * 3600);
  const graphqlMaxDepth = integer('GRAPHQL_MAX_DEPTH', 12, 2, 100);
  const graphqlMaxComplexity = integer('GRAPHQL_MAX_COMPLEXITY', 2000, 10, 1_000_000);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port, host, dataDir, databaseUrl, s3, bucket, inProcessWorker, workerConcurrency, logLevel,
    presignExpirySeconds, graphqlMaxDepth, graphqlMaxComplexity,
  };
}

function parseDatabaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`DATABASE_URL is invalid: not a URL (expected postgres://user:password@host:port/database)`);
    return undefined;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    problems.push(`DATABASE_URL is invalid: scheme must be postgres:// or postgresql://, not ${url.protocol}//`);
  } else if (!url.hostname) {
    problems.push('DATABASE_URL is invalid: no host name');
  } else if (url.pathname.length <= 1) {
    problems.push('DATABASE_URL is invalid: no database name after the host');
  }
  return raw;
}

function parseS3(read: (name: string) => string | undefined, bucket: string, problems: string[]): S3Settings | undefined {
  const endpointRaw = read('S3_ENDPOINT');
  if (endpointRaw === undefined) {
    for (const name of ['S3_ACCESS_KEY', 'S3_SECRET_KEY']) {
      if (read(name) !== undefined) problems.push(`${name} is set but S3_ENDPOINT is not: set S3_ENDPOINT too, or unset ${name} to use the embedded store`);
    }
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(endpointRaw);
  } catch {
    problems.push(`S3_ENDPOINT=${endpointRaw} is invalid: expected a URL such as http://minio:9000`);
  }
  if (url && url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`S3_ENDPOINT=${endpointRaw} is invalid: scheme must be http:// or https://`);
    url = undefined;
  }
  const accessKey = read('S3_ACCESS_KEY');
  const secretKey = read('S3_SECRET_KEY');
  if (accessKey === undefined) problems.push('S3_ACCESS_KEY is missing: required when S3_ENDPOINT is set');
  if (secretKey === undefined) problems.push('S3_SECRET_KEY is missing: required when S3_ENDPOINT is set');
  if (!url || accessKey === undefined || secretKey === undefined) return undefined;
  const useSSL = url.protocol === 'https:';
  return {
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey,
    secretKey,
    bucket,
    region: read('S3_REGION') ?? 'us-east-1',
  };
}
