// The study recipe with its full pass and cross-validation folds spread over worker threads.
// Each task is computed by the same functions as runStudy, from the same input and settings, and
// each fold's seeds depend only on the master seed and the repeat and fold indices, so the result
// is identical to runStudy's whatever the number of workers (tested). The unit of work is one fold
// (not a whole repeat), handed to whichever worker is free, the longest task (the full pass) first:
// the workers then finish within about one fold of each other.
import { Worker } from 'node:worker_threads';
import type { StudyConfigInput } from './config.js';
import type { CvFold } from './cv.js';
import { assembleStudy, prepareStudy, repeatsFromFolds, runStudy, type FullPass, type StudyInput, type StudyResult } from './study.js';

export type ParallelTask = { kind: 'full' } | { kind: 'fold'; repeat: number; fold: number };
export type ParallelAnswer =
  | { kind: 'full'; full: FullPass }
  | { kind: 'fold'; fold: CvFold }
  | { kind: 'error'; task: ParallelTask; message: string };

export interface ParallelOptions {
  /** Number of worker threads; 0 runs everything on the calling thread (runStudy). */
  workers: number;
  /** Called after each finished task (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Starts the worker module: compiled .js when built, or the .ts source through tsx's loader. */
function startWorker(data: { input: StudyInput; config: StudyConfigInput }): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const workerUrl = new URL(fromSource ? './parallel-worker.ts' : './parallel-worker.js', import.meta.url);
  if (!fromSource) return new Worker(workerUrl, { workerData: data });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

export async function runStudyParallel(input: StudyInput, config: StudyConfigInput, options: ParallelOptions): Promise<StudyResult> {
  if (!Number.isInteger(options.workers) || options.workers < 0) throw new RangeError(`workers must be an integer ≥ 0, got ${options.workers}`);
  // Validate and resolve on this thread first, so bad input fails before any worker starts.
  const prepared = prepareStudy(input, config);
  if (options.workers === 0) return runStudy(input, config);
  const { repeats: nRepeats, folds: nFolds } = prepared.config.cv;
  const tasks: ParallelTask[] = [{ kind: 'full' }];
  for (let repeat = 0; repeat < nRepeats; repeat++) for (let fold = 0; fold < nFolds; fold++) tasks.push({ kind: 'fold', repeat, fold });
  const workerCount = Math.min(options.workers, tasks.length);
  let full: FullPass | null = null;
  const folds: CvFold[] = [];
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker): void => {
        if (next < tasks.length) w.postMessage(tasks[next++]);
      };
      for (let k = 0; k < workerCount; k++) {
        const w = startWorker({ input, config });
        workers.push(w);
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < tasks.length) reject(new Error(`study worker stopped (exit code ${code}) before the tasks were done`));
        });
        w.on('message', (answer: ParallelAnswer) => {
          if (answer.kind === 'error') {
            const { task } = answer;
            reject(new Error(`study ${task.kind === 'full' ? 'full pass' : `repeat ${task.repeat} fold ${task.fold}`} failed in a worker: ${answer.message}`));
            return;
          }
          if (answer.kind === 'full') full = answer.full;
          else folds.push(answer.fold);
          done++;
          options.onProgress?.(done, tasks.length);
          if (done === tasks.length) resolve();
          else feed(w);
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return assembleStudy(prepared, full!, repeatsFromFolds(prepared, folds));
}
