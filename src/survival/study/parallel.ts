// The study recipe with its full pass and cross-validation folds spread over worker processes.
// Each task is computed by the same functions as runStudy, from the same input and settings, and
// each fold's seeds depend only on the master seed and the repeat and fold indices, so the result
// is identical to runStudy's whatever the number of workers (tested). The unit of work is one fold
// (not a whole repeat), handed to whichever worker is free, the longest task (the full pass) first:
// the workers then finish within about one fold of each other.
import type { ChildProcess } from 'node:child_process';
import { forkWorker } from '../../worker-process.js';
import type { StudyConfigInput } from './config.js';
import type { CvFold } from './cv.js';
import { assembleStudy, prepareStudy, repeatsFromFolds, runStudy, type FullPass, type StudyInput, type StudyResult } from './study.js';

export type ParallelTask = { kind: 'full' } | { kind: 'fold'; repeat: number; fold: number };
export type ParallelAnswer =
  | { kind: 'full'; full: FullPass }
  | { kind: 'fold'; fold: CvFold }
  | { kind: 'error'; task: ParallelTask; message: string };

export interface ParallelOptions {
  /** Number of worker processes; 0 runs everything on the calling thread (runStudy). */
  workers: number;
  /** Called after each finished task (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Starts a worker process and sends it the study. */
function startWorker(data: { input: StudyInput; config: StudyConfigInput }): ChildProcess {
  const child = forkWorker(import.meta.url, './parallel-worker');
  child.send(data);
  return child;
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
  const workers: ChildProcess[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: ChildProcess): void => {
        if (next < tasks.length) w.send(tasks[next++]);
      };
      for (let k = 0; k < workerCount; k++) {
        const w = startWorker({ input, config });
        workers.push(w);
        w.on('error', reject);
        w.on('exit', (code, signal) => {
          if (done < tasks.length) reject(new Error(`study worker stopped (${signal ?? `exit code ${code}`}) before the tasks were done`));
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
    for (const w of workers) w.kill();
  }
  return assembleStudy(prepared, full!, repeatsFromFolds(prepared, folds));
}
