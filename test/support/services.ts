// Real services for integration tests, never mocks: a fresh PostgreSQL database (on the server
// DATABASE_URL points to, as in CI, else in an embedded PostgreSQL started for the test file) and
// an S3-compatible store (S3_ENDPOINT with a fresh bucket, else an embedded s3rver on a free port).
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import type { S3Settings } from '../../src/infra/config/config.js';
import { startEmbeddedPostgres } from '../../src/infra/database/embedded-postgres.js';
import { startEmbeddedS3 } from '../../src/infra/storage/embedded-s3.js';
import { StorageService } from '../../src/infra/storage/storage.service.js';

const quiet = pino({ level: 'warn' });

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `radtrace-${prefix}-`));
  await chmod(path, 0o755); // an embedded PostgreSQL running as 'postgres' must reach its files
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database; dropped (or its embedded server stopped and deleted) by drop(). */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `radtrace_test_${randomBytes(5).toString('hex')}`;
  const external = process.env.DATABASE_URL;
  let adminUrl: string;
  let stopServer = async (): Promise<void> => undefined;
  if (external) {
    adminUrl = external;
  } else {
    const dir = await tempDir('pg');
    const server = await startEmbeddedPostgres(join(dir.path, 'pg'), quiet);
    adminUrl = server.url;
    stopServer = async () => {
      await server.stop();
      await dir.remove();
    };
  }
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await stopServer();
    },
  };
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export interface TestObjectStore {
  settings: S3Settings;
  storage: StorageService;
  /** S3_* variables for a spawned radtrace process. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function freshObjectStore(): Promise<TestObjectStore> {
  const bucket = `radtrace-test-${randomBytes(5).toString('hex')}`;
  let settings: S3Settings;
  let stop = async (): Promise<void> => undefined;
  const endpoint = process.env.S3_ENDPOINT;
  if (endpoint) {
    const url = new URL(endpoint);
    settings = {
      endPoint: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), useSSL: url.protocol === 'https:',
      accessKey: process.env.S3_ACCESS_KEY ?? '', secretKey: process.env.S3_SECRET_KEY ?? '', bucket, region: process.env.S3_REGION ?? 'us-east-1',
    };
  } else {
    const dir = await tempDir('s3');
    const server = await startEmbeddedS3(dir.path, bucket, quiet);
    settings = server.settings;
    stop = async () => {
      await server.stop();
      await dir.remove();
    };
  }
  const storage = new StorageService(settings);
  await storage.ensureBucket();
  return {
    settings,
    storage,
    env: {
      S3_ENDPOINT: `${settings.useSSL ? 'https' : 'http'}://${settings.endPoint}:${settings.port}`,
      S3_ACCESS_KEY: settings.accessKey,
      S3_SECRET_KEY: settings.secretKey,
      S3_BUCKET: bucket,
      S3_REGION: settings.region,
    },
    stop,
  };
}
