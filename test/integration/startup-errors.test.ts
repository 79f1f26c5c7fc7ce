// A wrong setting or an unreachable service: one clear line on stderr naming the problem, a
// non-zero exit, no stack trace.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infra/config/config.js';
import { freePort, radtrace } from '../support/processes.js';
import { freshDatabase, tempDir, type TestDatabase } from '../support/services.js';

async function failure(args: string[], env: Record<string, string>): Promise<{ code: number | string; lines: string[] }> {
  const process = radtrace(args, env);
  const code = await process.exited;
  const lines = process.stderr().split('\n').filter((line) => line.trim() !== '');
  return { code, lines };
}

function expectOneCleanLine(lines: string[], pattern: RegExp): void {
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+/); // no stack frame
}

describe('start-up failures', () => {
  let db: TestDatabase;
  let dataDir: { path: string; remove(): Promise<void> };
  beforeAll(async () => {
    [db, dataDir] = await Promise.all([freshDatabase(), tempDir('errors')]);
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), dataDir?.remove()]);
  });

  it('a DATABASE_URL nothing listens on', async () => {
    const port = await freePort();
    const url = `postgres://radtrace:secret@127.0.0.1:${port}/radtrace`;
    for (const command of ['serve', 'worker', 'migrate']) {
      const { code, lines } = await failure([command], { DATABASE_URL: url, RADTRACE_DATA_DIR: dataDir.path, PORT: '0' });
      expect(code).toBe(1);
      expectOneCleanLine(lines, new RegExp(`^radtrace: cannot connect to PostgreSQL at postgres://radtrace:\\*\\*\\*@127\\.0\\.0\\.1:${port}/radtrace \\(DATABASE_URL\\): .*ECONNREFUSED`));
    }
  });

  it('a DATABASE_URL that is not a URL', async () => {
    const { code, lines } = await failure(['serve'], { DATABASE_URL: 'localhost:5432', RADTRACE_DATA_DIR: dataDir.path });
    expect(code).toBe(1);
    expectOneCleanLine(lines, /^radtrace: DATABASE_URL is invalid: scheme must be postgres:\/\/ or postgresql:\/\//);
  });

  it('an object store endpoint nothing listens on', async () => {
    const port = await freePort();
    const { code, lines } = await failure(['serve'], {
      DATABASE_URL: db.url, S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY: 'key', S3_SECRET_KEY: 'secret',
      RADTRACE_DATA_DIR: dataDir.path, PORT: '0',
    });
    expect(code).toBe(1);
    expectOneCleanLine(lines, new RegExp(`^radtrace: cannot use object storage at http://127\\.0\\.0\\.1:${port} \\(S3_ENDPOINT\\), bucket radtrace: .*ECONNREFUSED`));
  });

  it('a PORT another server holds', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const { code, lines } = await failure(['serve'], { DATABASE_URL: db.url, RADTRACE_DATA_DIR: dataDir.path, PORT: String(port) });
      expect(code).toBe(1);
      expectOneCleanLine(lines, new RegExp(`^radtrace: PORT=${port} is already in use on 0\\.0\\.0\\.0: stop the other server or choose another PORT$`));
    } finally {
      holder.close();
    }
  });

  it('invalid settings, one line each', async () => {
    const { code, lines } = await failure(['serve'], { PORT: 'eighty', RADTRACE_IN_PROCESS_WORKER: 'maybe', RADTRACE_DATA_DIR: dataDir.path });
    expect(code).toBe(1);
    expect(lines).toEqual([
      'radtrace: PORT=eighty is invalid: expected an integer from 0 to 65535',
      'radtrace: RADTRACE_IN_PROCESS_WORKER=maybe is invalid: expected true or false',
    ]);
  });
});

describe('loadConfig', () => {
  it('has documented defaults', () => {
    const config = loadConfig({}, '/srv/radtrace');
    expect(config).toMatchObject({ port: 4000, dataDir: '/srv/radtrace/.data', databaseUrl: undefined, s3: undefined, bucket: 'radtrace', inProcessWorker: true });
  });

  it('reads an external object store', () => {
    const config = loadConfig({ S3_ENDPOINT: 'https://minio.example.org', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', S3_BUCKET: 'studies' });
    expect(config.s3).toEqual({ endPoint: 'minio.example.org', port: 443, useSSL: true, accessKey: 'a', secretKey: 'b', bucket: 'studies', region: 'us-east-1' });
  });

  it('lists every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ S3_ENDPOINT: 'minio:9000', S3_BUCKET: 'Bad_Bucket', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'S3_BUCKET=Bad_Bucket is invalid: expected 3-63 lower-case letters, digits, dots or hyphens',
      'S3_ENDPOINT=minio:9000 is invalid: scheme must be http:// or https://',
      'S3_ACCESS_KEY is missing: required when S3_ENDPOINT is set',
      'S3_SECRET_KEY is missing: required when S3_ENDPOINT is set',
      'LOG_LEVEL=loud is invalid: expected one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });
});
