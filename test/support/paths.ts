// Where the shared reference data lives: `../shared` beside the repository (as on the developers'
// machines and in CI), or wherever RADTRACE_SHARED points.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = process.env.RADTRACE_SHARED ?? join(REPO_ROOT, '..', 'shared');
export const PYRADIOMICS_DATA = join(SHARED, 'data', 'pyradiomics');
export const STATS_REFERENCE = join(SHARED, 'data', 'stats-reference');
export const BENCH_DATA = join(SHARED, 'data', 'bench');
export const COMPARE_TOOLS = join(SHARED, 'tools');
