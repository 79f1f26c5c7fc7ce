// Worker thread of `radtrace extract` batch mode: extracts one case per message with the parameters given
// at start-up, and answers with the case's diagnostics and features (or the error message).
import { parentPort, workerData } from 'node:worker_threads';
import { defaultParams, loadParams, type ExtractionParams } from '../radiomics/index.js';
import { runTask, type WorkerTask } from './extract-batch.js';

const paramsPath = (workerData as { paramsPath: string | null }).paramsPath;
const params: Promise<ExtractionParams> = paramsPath ? loadParams(paramsPath) : Promise.resolve(defaultParams());

parentPort?.on('message', (task: WorkerTask) => {
  void params
    .then((p) => runTask(task, p), (err: unknown) => ({ index: task.index, ok: false as const, error: err instanceof Error ? err.message : String(err) }))
    .then((answer) => parentPort?.postMessage(answer));
});
