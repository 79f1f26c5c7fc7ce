// Worker process of the parallel study runner: its first message is the input and settings, from
// which it prepares the study once; it then answers each task (the full pass, or one fold of a
// cross-validation repeat).
import type { StudyConfigInput } from './config.js';
import type { ParallelAnswer, ParallelTask } from './parallel.js';
import { prepareStudy, runFullPass, runStudyFold, type PreparedStudy, type StudyInput } from './study.js';

let prepared: PreparedStudy | null = null;

process.on('message', (message: { input: StudyInput; config: StudyConfigInput } | ParallelTask) => {
  if (prepared === null) {
    const { input, config } = message as { input: StudyInput; config: StudyConfigInput };
    prepared = prepareStudy(input, config);
    return;
  }
  const task = message as ParallelTask;
  let answer: ParallelAnswer;
  try {
    answer = task.kind === 'full'
      ? { kind: 'full', full: runFullPass(prepared) }
      : { kind: 'fold', fold: runStudyFold(prepared, task.repeat, task.fold) };
  } catch (e) {
    answer = { kind: 'error', task, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  process.send?.(answer);
});
// The runner has gone (finished or killed): nothing will ask for more.
process.on('disconnect', () => process.exit(0));
