// Spawning the real `radtrace` command for end-to-end tests, and waiting on HTTP endpoints.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface Spawned {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Variables a spawned process must not inherit from the test runner's environment. */
const PLATFORM_VARIABLES = ['DATABASE_URL', 'S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_BUCKET', 'S3_REGION', 'PORT', 'RADTRACE_DATA_DIR', 'LOG_LEVEL'];

export function radtrace(args: string[], env: Record<string, string>): Spawned {
  const base = { ...process.env };
  for (const name of PLATFORM_VARIABLES) delete base[name];
  // The runner's own variables (VITEST, NODE_ENV=test...) are harmless; the node binary runs bin/radtrace.js directly so pid is the radtrace pid.
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'radtrace.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
  child.stderr?.on('data', (chunk: Buffer) => { err += chunk.toString('utf8'); });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls `url` until it answers `status`, failing early (with its output) if `process` exits. */
export async function waitForStatus(url: string, status: number, process: Spawned, timeoutMs = 90_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void process.exited.then(() => { exited = true; });
  for (;;) {
    if (exited) throw new Error(`radtrace exited before ${url} answered ${status}:\n${process.stderr()}\n${process.stdout().slice(-3000)}`);
    try {
      const response = await fetch(url);
      if (response.status === status) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms:\n${process.stdout().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T>(baseUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Pids of live processes whose command line contains `text` (Linux /proc). */
export async function processesMentioning(text: string): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.replaceAll('\0', ' ').includes(text)) pids.push(Number(entry));
  }
  return pids;
}
