// One RadTrace API per test file, in-process (so SQL statements can be counted), on a fresh
// database and object store, with an administrator and a GraphQL client.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { createUserInDatabase } from '../../src/cli/admin.js';
import { startApi, type RunningApi } from '../../src/main.js';
import { installSqlCounter, type SqlCounter } from './api-sql-counter.js';
import { freshDatabase, freshObjectStore, tempDir, type TestDatabase, type TestObjectStore } from './services.js';

export interface GraphQLResult<T> {
  /** HTTP status of the response. */
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export interface TestApi {
  url: string;
  db: TestDatabase;
  store: TestObjectStore;
  sql: SqlCounter;
  adminToken: string;
  gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** Like gql, but fails the test on any error and returns data. */
  ok<T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const sql = installSqlCounter();
  const [db, store, dataDir] = await Promise.all([freshDatabase(), freshObjectStore(), tempDir('api')]);
  let api: RunningApi;
  try {
    api = await startApi({
      DATABASE_URL: db.url, ...store.env, RADTRACE_DATA_DIR: dataDir.path, PORT: '0', HOST: '127.0.0.1',
      RADTRACE_IN_PROCESS_WORKER: 'false', LOG_LEVEL: 'warn', ...env,
    });
  } catch (err) {
    await Promise.all([db.drop(), store.stop(), dataDir.remove()]);
    throw err;
  }
  const admin = await createUserInDatabase(db.url, { email: 'admin@radtrace.test', name: 'Admin', isAdmin: true });
  const gql = async <T>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResult<T>, 'status'>) };
  };
  return {
    url: api.url, db, store, sql, adminToken: admin.token, gql,
    async ok<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const result = await gql<T>(token, query, variables);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data as T;
    },
    async close() {
      await api.close();
      await Promise.all([db.drop(), store.stop(), dataDir.remove()]);
    },
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The error codes of a result, in order. */
export function codes(result: GraphQLResult<unknown>): string[] {
  return (result.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
}

export async function putBytes(url: string, bytes: Uint8Array): Promise<void> {
  const response = await fetch(url, { method: 'PUT', body: bytes, headers: { 'content-length': String(bytes.byteLength) } });
  if (!response.ok) throw new Error(`PUT failed: HTTP ${response.status} ${await response.text()}`);
}
