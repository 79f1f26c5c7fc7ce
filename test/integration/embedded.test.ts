// What a new user gets: no DATABASE_URL, no S3_ENDPOINT. The platform starts its own PostgreSQL
// and object store under RADTRACE_DATA_DIR, stops them on SIGTERM/SIGINT leaving no process
// behind, and finds its data again on the next start.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, processesMentioning, radtrace, waitForStatus, type Spawned } from '../support/processes.js';
import { graphqlAs } from '../support/api-http.js';
import { tempDir } from '../support/services.js';

interface JobView {
  id: string;
  status: string;
  result: { workerPid: number; objectSha256: string } | null;
}

describe('embedded mode (no DATABASE_URL, no S3_ENDPOINT)', () => {
  let dataDir: { path: string; remove(): Promise<void> };
  let env: Record<string, string>;
  let base: string;
  const started: Spawned[] = [];
  let firstJobId: string;
  let token: string;
  /** As the administrator created after the first start. */
  const graphql = <T>(url: string, query: string, variables?: Record<string, unknown>) => graphqlAs<T>(url, token, query, variables);

  beforeAll(async () => {
    dataDir = await tempDir('embedded');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = { RADTRACE_DATA_DIR: dataDir.path, PORT: String(port), LOG_LEVEL: 'warn' };
  });

  afterAll(async () => {
    await Promise.all(started.map((process) => process.stop('SIGKILL')));
    // A server killed above would leave PostgreSQL behind; stop it so the machine stays clean.
    for (const pid of await processesMentioning(`${dataDir.path}/pg`)) process.kill(pid, 'SIGINT');
    await dataDir?.remove();
  });

  it('boots, runs a job in-process, and stops on SIGTERM leaving no process behind', async () => {
    const server = radtrace(['serve'], env);
    started.push(server);
    await waitForStatus(`${base}/readyz`, 200, server);
    expect(await graphqlAs(base, null, '{ __typename }')).toEqual({ status: 200, data: { __typename: 'Query' } });
    // An administrator, through the running server's embedded database (attach).
    const admin = radtrace(['admin', 'create-user', '--email', 'admin@radtrace.test', '--name', 'Admin'], env);
    expect(await admin.exited, admin.stderr()).toBe(0);
    token = admin.stdout().trim();
    expect(await processesMentioning(`${dataDir.path}/pg`)).toHaveLength(1);

    const job = await runDiagnosticJob(base, token, 'first run');
    expect(job.status).toBe('SUCCEEDED');
    expect(job.result!.workerPid).toBe(server.pid);
    firstJobId = job.id;

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toBe('');
    expect(await processesMentioning(`${dataDir.path}/pg`)).toEqual([]);
    expect(existsSync(`${dataDir.path}/runtime.json`)).toBe(false);
  });

  it('starts again on the same data, serves a worker beside it, and stops on SIGINT', async () => {
    const server = radtrace(['serve', '--no-worker'], env);
    started.push(server);
    await waitForStatus(`${base}/readyz`, 200, server);
    const previous = await graphql<{ job: JobView }>(base, `{ job(id: "${firstJobId}") { id status result } }`);
    expect(previous.data?.job.status).toBe('SUCCEEDED');

    // A second server on the same data directory is refused with one line.
    const intruder = radtrace(['serve'], { ...env, PORT: String(await freePort()) });
    expect(await intruder.exited).toBe(1);
    expect(intruder.stderr().trim()).toMatch(new RegExp(`^radtrace: RADTRACE_DATA_DIR .* is in use by radtrace api \\(pid ${server.pid}\\)`));

    // `radtrace worker` with the same data directory uses the server's embedded services.
    const worker = radtrace(['worker'], env);
    started.push(worker);
    const job = await runDiagnosticJob(base, token, 'second run');
    expect(job.status).toBe('SUCCEEDED');
    expect(job.result!.workerPid).toBe(worker.pid);
    expect(await worker.stop('SIGINT')).toBe(0);

    expect(await server.stop('SIGINT')).toBe(0);
    expect(server.stderr()).toBe('');
    expect(await processesMentioning(`${dataDir.path}/pg`)).toEqual([]);
  });
});

async function runDiagnosticJob(base: string, token: string, echo: string): Promise<JobView> {
  const enqueued = await graphqlAs<{ enqueueDiagnosticJob: { job: { id: string } } }>(
    base, token, 'mutation($echo: String) { enqueueDiagnosticJob(input: { steps: 1, stepDelayMs: 0, echo: $echo }) { job { id } } }', { echo },
  );
  const id = enqueued.data!.enqueueDiagnosticJob.job.id;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const job = (await graphqlAs<{ job: JobView }>(base, token, `{ job(id: "${id}") { id status result } }`)).data!.job;
    if (job.status === 'SUCCEEDED' || job.status === 'FAILED') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
