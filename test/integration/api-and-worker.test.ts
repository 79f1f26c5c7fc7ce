// The API and a separate worker process, as deployed: both spawned through the `radtrace`
// command against a fresh database and object store. Every operation carries an administrator's
// token (created as `radtrace admin create-user` does); anonymous calls are refused.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserInDatabase } from '../../src/cli/admin.js';
import { graphqlAs } from '../support/api-http.js';
import { REPO_ROOT } from '../support/paths.js';
import { freePort, radtrace, waitForStatus, type Spawned } from '../support/processes.js';
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
  let adminToken: string;
  let userToken: string;
  /** As the administrator. */
  const graphql = <T>(url: string, query: string, variables?: Record<string, unknown>) => graphqlAs<T>(url, adminToken, query, variables);

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
    adminToken = (await createUserInDatabase(db.url, { email: 'admin@radtrace.test', name: 'Admin', isAdmin: true })).token;
    userToken = (await createUserInDatabase(db.url, { email: 'user@radtrace.test', name: 'User', isAdmin: false })).token;
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
    // The one operation answered without a token: it reveals nothing.
    expect(await graphqlAs(base, null, '{ __typename }')).toEqual({ status: 200, data: { __typename: 'Query' } });
  });

  it('refuses every other operation without a valid token, before any resolver runs', async () => {
    const anonymous = [
      '{ jobs { pageInfo { hasNextPage } } }',
      '{ job(id: "00000000-0000-4000-8000-000000000000") { id } }',
      'mutation { enqueueDiagnosticJob { job { id } } }',
      '{ __typename me { id } }',
      '{ __schema { queryType { name } } }',
    ];
    for (const query of anonymous) {
      for (const token of [null, 'rt_not-a-real-token']) {
        const result = await graphqlAs(base, token, query);
        expect(result, `${query} with ${token}`).toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
        expect(result.data, query).toBeUndefined();
      }
    }
    // Nothing was queued by the refused mutation.
    const listed = await graphql(base, '{ jobs(first: 5) { pageInfo { hasNextPage endCursor } } }');
    expect(listed).toEqual({ status: 200, data: { jobs: { pageInfo: { hasNextPage: false, endCursor: null } } } });
  });

  it('keeps jobs to platform administrators', async () => {
    const enqueued = await graphql<{ enqueueDiagnosticJob: { job: JobView } }>(base, 'mutation { enqueueDiagnosticJob(input: { steps: 1, stepDelayMs: 0, echo: "admin only" }) { job { id } } }');
    const id = enqueued.data!.enqueueDiagnosticJob.job.id;
    const asUser = (query: string) => graphqlAs(base, userToken, query);
    const seen = await asUser(`{ job(id: "${id}") { id } }`);
    expect(seen.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(seen.errors![0]!.message).toBe(`job ${id} not found`);
    expect((await asUser('{ jobs { pageInfo { hasNextPage } } }')).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await asUser('mutation { enqueueDiagnosticJob { job { id } } }')).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(await asUser(`{ job(id: "${id}") { id } }`))).not.toContain('admin only');
  });

  it('serves exactly the committed schema.graphql', async () => {
    const introspection = await graphql<IntrospectionQuery>(base, getIntrospectionQuery());
    expect(introspection.status).toBe(200);
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

  it('answers request errors with HTTP 400 and no data, resolver errors with 200 and data, never 500', async () => {
    const statusQuery = 'query($s: JobStatus) { jobs(first: 1, status: $s) { pageInfo { hasNextPage } } }';
    const requestErrors: [string, Record<string, unknown>, string][] = [
      [statusQuery, { s: 'NOT_A_STATUS' }, 'BAD_USER_INPUT'], // variable coercion
      ['query($id: ID!) { job(id: $id) { id } }', {}, 'BAD_USER_INPUT'], // required variable missing
      ['query($n: Int) { jobs(first: $n) { pageInfo { hasNextPage } } }', { n: 'many' }, 'BAD_USER_INPUT'],
      ['{ jobs(first: 1) { pageInfo { hasNextPage } ', {}, 'GRAPHQL_PARSE_FAILED'],
      ['{ jobs(first: 1) { noSuchField } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
      ['{ jobs { edges { node { id } } } }', {}, 'QUERY_TOO_DEEP'],
      ['{ jobs(first: 100) { pageInfo { hasNextPage } } a: jobs(first: 100) { pageInfo { endCursor } } }', {}, 'QUERY_TOO_COMPLEX'],
    ];
    for (const [query, variables, code] of requestErrors) {
      const result = await graphql(base, query, variables);
      expect(result, query).toMatchObject({ status: 400, errors: [{ extensions: { code } }] });
      expect(result.data, query).toBeUndefined();
      expect(JSON.stringify(result), query).not.toMatch(/stacktrace|\bat \S+ \(/);
    }
    // Resolvers refusing: the operation ran, so 200 with data null and the code.
    const missing = await graphql(base, '{ job(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(missing).toMatchObject({ status: 200, data: null, errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    const foreignCursor = Buffer.from(JSON.stringify(['yesterday', 42])).toString('base64url');
    const badCursor = await graphql(base, `{ jobs(first: 1, after: "${foreignCursor}") { pageInfo { hasNextPage } } }`);
    expect(badCursor).toMatchObject({ status: 200, data: null, errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
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
    const job = await waitForJob(base, adminToken, id);
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
    const job = await waitForJob(base, adminToken, enqueued.data!.enqueueDiagnosticJob.job.id);
    expect(job).toMatchObject({ status: 'FAILED', error: 'diagnostic job failed on request (fail: true)', result: null });
  });

  it('pages through jobs with cursors', async () => {
    interface Page { jobs: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } }
    const page = (after?: string) =>
      graphql<Page>(base, 'query($after: String) { jobs(first: 1, after: $after) { pageInfo { hasNextPage endCursor } } }', { after });
    // The three jobs above, one per page, then an empty page.
    const first = (await page()).data!.jobs.pageInfo;
    expect(first.hasNextPage).toBe(true);
    const second = (await page(first.endCursor!)).data!.jobs.pageInfo;
    expect(second.hasNextPage).toBe(true);
    expect(second.endCursor).not.toBe(first.endCursor);
    const third = (await page(second.endCursor!)).data!.jobs.pageInfo;
    expect(third.hasNextPage).toBe(false);
    expect((await page(third.endCursor!)).data!.jobs.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('stops both processes cleanly on SIGTERM', async () => {
    expect(await worker!.stop('SIGTERM')).toBe(0);
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(api.stderr()).toBe('');
  });
});

async function waitForJob(base: string, token: string, id: string): Promise<JobView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await graphqlAs<{ job: JobView }>(base, token, `{ job(id: "${id}") { ${JOB_FIELDS} } }`);
    const job = response.data?.job;
    if (job && (job.status === 'SUCCEEDED' || job.status === 'FAILED')) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(response)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
