// Worker processes for the compute engines (radiomics batch extraction, the parallel study recipe).
// Processes rather than threads because of V8's process-wide flags: by default V8 optimises code and
// marks the heap on background threads, and with one worker per core those threads competed with the
// other workers for the cores — 2 extraction workers did not beat 1 (16 brain cases 7.70 s against
// 7.48 s), and 2 study workers used 132 s of CPU for a 127 s job. With the compiler and the collector
// on each worker's own thread: 16 cases 4.53 s on 2 workers against 8.86 s on 1; the study's 20-repeat
// cross-validation 62.6 s on 2 workers (121 s CPU) against 68.2 s on 2 threads.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER_V8_FLAGS = ['--no-concurrent-recompilation', '--single-threaded-gc'];

/**
 * Starts `relativeModule` ('./name', no extension) next to the caller's module (`import.meta.url`):
 * the compiled .js when the caller is compiled, else the .ts source through tsx's loader. Messages
 * are structured clones (as between threads); the worker's stdout and stderr are this process's.
 */
export function forkWorker(callerUrl: string, relativeModule: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const fromSource = callerUrl.endsWith('.ts');
  const path = fileURLToPath(new URL(`${relativeModule}${fromSource ? '.ts' : '.js'}`, callerUrl));
  const loader = fromSource ? ['--import', import.meta.resolve('tsx/esm')] : [];
  return fork(path, [], { execArgv: [...WORKER_V8_FLAGS, ...loader], env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
