// The API and a separate worker process, as deployed: both spawned through the `radtrace`
// command against a fresh database and object store.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { freePort, graphql, radtrace, waitForStatus, type Spawned } from '../support/processes.js';
import { freshDatabase, freshObjectStore, tempDir, type TestDatabase, type TestObjectStore } from '../support/services.js';

interface JobView {
  id: string;
  status: string;
  progress: number;
  attempts: number;
  worker: string | null;
  error: string | null;
  result: { echo: string; workerPid: number; objectSha256: string; steps: number } | null;
}

const JOB_FIELDS = 'id status progress attempts worker error result';

describe('API with a separate worker process', () => {
  let db: TestDatabase;
  let store: TestObjectStore;
  let api: Spawned;
  let worker: Spawned | undefined;
  let base: string;
  let env: Record<string, string>;
  let dataDir: { path: string; remove(): Promise<void> };

  beforeAll(async () => {
    [db, store, dataDir] = await Promise.all([freshDatabase(), freshObjectStore(), tempDir('api')]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      DATABASE_URL: db.url, ...store.env, RADTRACE_DATA_DIR: dataDir.path,
      GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COMPLEXITY: '50', LOG_LEVEL: 'warn',
    };
    api = radtrace(['serve', '--no-worker'], { ...env, PORT: String(port) });
    await waitForStatus(`${base}/readyz`, 200, api);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await Promise.all([db?.drop(), store?.stop(), dataDir?.remove()]);
  });

  it('answers /healthz, /readyz and { __typename }, with a request id', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`, { headers: { 'x-request-id': 'test-request-1' } });
    expect(ready.headers.get('x-request-id')).toBe('test-request-1');
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', storage: 'ok' } });
    expect(await graphql(base, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves exactly the committed schema.graphql', async () => {
    const introspection = await graphql<IntrospectionQuery>(base, getIntrospectionQuery());
    const served = printSchema(lexicographicSortSchema(buildClientSchema(introspection.data!)));
    const committed = (await readFile(join(REPO_ROOT, 'schema.graphql'), 'utf8')).replace(/^#.*\n\n/, '').trim();
    expect(served).toBe(committed);
  });

  it('answers with stable error codes', async () => {
    const missing = await graphql(base, '{ job(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await graphql(base, 'mutation { enqueueDiagnosticJob(input: { steps: 0 }) { job { id } } }');
    expect(bad.errors?.[0]).toMatchObject({ message: 'steps must be an integer from 1 to 100', extensions: { code: 'BAD_USER_INPUT' } });
    const foreignCursor = Buffer.from(JSON.stringify(['yesterday', 42])).toString('base64url');
    const badCursor = await graphql(base, `{ jobs(after: "${foreignCursor}") { pageInfo { hasNextPage } } }`);
    expect(badCursor.errors?.[0]).toMatchObject({ message: 'after is not a cursor of this list', extensions: { code: 'BAD_USER_INPUT' } });
    const deep = await graphql(base, '{ jobs { edges { node { id } } } }');
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    const costly = await graphql(base, '{ jobs(first: 100) { pageInfo { hasNextPage } } a: jobs(first: 100) { pageInfo { endCursor } } }');
    expect(costly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('runs a job enqueued through the API in the separate worker process', async () => {
    const enqueued = await graphql<{ enqueueDiagnosticJob: { job: JobView } }>(
      base, 'mutation { enqueueDiagnosticJob(input: { steps: 3, stepDelayMs: 20, echo: "from the test" }) { job { id status } } }',
    );
    const id = enqueued.data!.enqueueDiagnosticJob.job.id;
    expect(enqueued.data!.enqueueDiagnosticJob.job.status).toBe('QUEUED');

    // No worker yet (the API runs with --no-worker): the job waits.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await graphql<{ job: JobView }>(base, `{ job(id: "${id}") { status } }`)).data!.job.status).toBe('QUEUED');

    worker = radtrace(['worker'], env);
    const job = await waitForJob(base, id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', progress: 1, attempts: 1, error: null });
    expect(job.result).toMatchObject({ echo: 'from the test', workerPid: worker.pid, steps: 3 });
    expect(job.worker).toMatch(new RegExp(`:${worker.pid}$`));
    expect(job.result!.workerPid).not.toBe(api.pid);
    // What the worker stored is in the object store under its sha256.
    expect((await store.storage.get(job.result!.objectSha256)).toString('utf8')).toBe('from the test');
  });

  it('reports a failing job as FAILED with its reason', async () => {
    const enqueued = await graphql<{ enqueueDiagnosticJob: { job: JobView } }>(
      base, 'mutation { enqueueDiagnosticJob(input: { steps: 1, stepDelayMs: 0, fail: true }) { job { id } } }',
    );
    const job = await waitForJob(base, enqueued.data!.enqueueDiagnosticJob.job.id);
    expect(job).toMatchObject({ status: 'FAILED', error: 'diagnostic job failed on request (fail: true)', result: null });
  });

  it('pages through jobs with cursors', async () => {
    interface Page { jobs: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } }
    const page = (after?: string) =>
      graphql<Page>(base, 'query($after: String) { jobs(first: 1, after: $after) { pageInfo { hasNextPage endCursor } } }', { after });
    // The two jobs above, one per page, then an empty page.
    const first = (await page()).data!.jobs.pageInfo;
    expect(first.hasNextPage).toBe(true);
    const second = (await page(first.endCursor!)).data!.jobs.pageInfo;
    expect(second.hasNextPage).toBe(false);
    expect(second.endCursor).not.toBe(first.endCursor);
    expect((await page(second.endCursor!)).data!.jobs.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('stops both processes cleanly on SIGTERM', async () => {
    expect(await worker!.stop('SIGTERM')).toBe(0);
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(api.stderr()).toBe('');
  });
});

async function waitForJob(base: string, id: string): Promise<JobView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await graphql<{ job: JobView }>(base, `{ job(id: "${id}") { ${JOB_FIELDS} } }`);
    const job = response.data?.job;
    if (job && (job.status === 'SUCCEEDED' || job.status === 'FAILED')) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(response)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
