// Worker process of `radtrace extract` batch mode: extracts one case per message with the parameters named
// at start-up (RADTRACE_EXTRACT_PARAMS, empty for PyRadiomics' defaults), and answers with the case's
// diagnostics and features (or the error message).
import { defaultParams, loadParams, type ExtractionParams } from '../radiomics/index.js';
import { runTask, type WorkerTask } from './extract-batch.js';

const paramsPath = process.env.RADTRACE_EXTRACT_PARAMS || null;
const params: Promise<ExtractionParams> = paramsPath ? loadParams(paramsPath) : Promise.resolve(defaultParams());

process.on('message', (task: WorkerTask) => {
  void params
    .then((p) => runTask(task, p), (err: unknown) => ({ index: task.index, ok: false as const, error: err instanceof Error ? err.message : String(err) }))
    .then((answer) => process.send?.(answer));
});
// The batch that started this process has gone (e.g. killed): nothing will ask for more.
process.on('disconnect', () => process.exit(0));
