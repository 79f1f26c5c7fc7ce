// Worker thread of cvGlmnetCoxParallel: fits one glmnet path per message.
import { parentPort } from 'node:worker_threads';
import { fitDesign, type CoxDesign, type GlmnetCoxOptions } from './glmnet.js';

export interface FitRequest {
  id: number;
  design: CoxDesign;
  options: GlmnetCoxOptions;
}

parentPort?.on('message', (req: FitRequest) => {
  try {
    const fit = fitDesign(req.design, req.options);
    parentPort?.postMessage({ id: req.id, fit }, fit.beta.map((b) => b.buffer as ArrayBuffer));
  } catch (err) {
    parentPort?.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
