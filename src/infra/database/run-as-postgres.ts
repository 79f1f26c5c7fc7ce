// PostgreSQL refuses to run as root. When we are root, the embedded server runs as the system
// user `postgres` (created if missing), which must own its data directory and be able to reach
// it and the binaries through every parent folder.
import { execFile } from 'node:child_process';
import { chmod, chown, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { StartupError } from '../startup-error.js';

const run = promisify(execFile);

export interface ProcessIdentity {
  uid: number;
  gid: number;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The uid/gid of the `postgres` user, creating a system user of that name if there is none. */
export async function postgresIdentity(): Promise<ProcessIdentity> {
  const lookup = async (): Promise<ProcessIdentity> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    try {
      await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
      return await lookup();
    } catch (err) {
      throw new StartupError(
        `running as root, the embedded PostgreSQL needs a 'postgres' system user and creating it failed (${(err as Error).message.split('\n')[0]}): create it, run as an ordinary user, or set DATABASE_URL`,
      );
    }
  }
}

/**
 * Makes every folder above `path` searchable by `identity` (adds the "others may traverse" bit
 * where neither owner nor group lets it through). Returns the folders it changed.
 */
export async function ensureTraversable(path: string, identity: ProcessIdentity): Promise<string[]> {
  const changed: string[] = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const info = await stat(dir);
    const passes =
      (info.uid === identity.uid && (info.mode & 0o100) !== 0) ||
      (info.gid === identity.gid && (info.mode & 0o010) !== 0) ||
      (info.mode & 0o001) !== 0;
    if (!passes) {
      await chmod(dir, info.mode | 0o001);
      changed.push(dir);
    }
    if (dirname(dir) === dir) break;
  }
  return changed;
}

export async function giveTo(path: string, identity: ProcessIdentity): Promise<void> {
  await chown(path, identity.uid, identity.gid);
}
