// Worker thread of the parallel study runner: prepares the study once from the input and settings
// it was started with, then answers each task (the full pass, or one fold of a cross-validation repeat).
import { parentPort, workerData } from 'node:worker_threads';
import type { StudyConfigInput } from './config.js';
import type { ParallelAnswer, ParallelTask } from './parallel.js';
import { prepareStudy, runFullPass, runStudyFold, type StudyInput } from './study.js';

const { input, config } = workerData as { input: StudyInput; config: StudyConfigInput };
const prepared = prepareStudy(input, config);

parentPort?.on('message', (task: ParallelTask) => {
  let answer: ParallelAnswer;
  try {
    answer = task.kind === 'full'
      ? { kind: 'full', full: runFullPass(prepared) }
      : { kind: 'fold', fold: runStudyFold(prepared, task.repeat, task.fold) };
  } catch (e) {
    answer = { kind: 'error', task, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  parentPort?.postMessage(answer);
});
