// $RADTRACE_DATA_DIR/runtime.json: written by the process that started the embedded services, so
// that `radtrace worker` or `radtrace migrate` run beside it (same data dir, no DATABASE_URL /
// S3_ENDPOINT) use them instead of starting a second PostgreSQL on the same files.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Settings } from './config/config.js';

export interface RuntimeInfo {
  pid: number;
  role: string;
  startedAt: string;
  databaseUrl?: string;
  s3?: S3Settings;
}

export function runtimeFile(dataDir: string): string {
  return join(dataDir, 'runtime.json');
}

/** The live owner of the data directory's embedded services, if any (stale files are ignored). */
export async function readLiveRuntime(dataDir: string): Promise<RuntimeInfo | undefined> {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(await readFile(file, 'utf8')) as RuntimeInfo;
    if (info.pid === process.pid) return undefined;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}

export async function writeRuntime(dataDir: string, info: RuntimeInfo): Promise<void> {
  await writeFile(runtimeFile(dataDir), JSON.stringify(info, null, 2), { mode: 0o600 });
}

export async function removeRuntime(dataDir: string): Promise<void> {
  const file = runtimeFile(dataDir);
  try {
    const info = JSON.parse(await readFile(file, 'utf8')) as RuntimeInfo;
    if (info.pid === process.pid) await rm(file, { force: true });
  } catch {
    // nothing to remove
  }
}
