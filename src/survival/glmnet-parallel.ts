// cv.glmnet with the full-data fit and the fold fits spread over worker threads. Each fit is the
// same deterministic computation as in cvGlmnetCox, so the result is identical; only the wall
// time changes. Workers load this module's sibling glmnet-worker (.js when built, .ts under tsx).
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { planCv, summarizeCv, type CvGlmnetCoxOptions, type CvGlmnetCoxResult } from './glmnet-cv.js';
import { coxDesign, GlmnetInputError, type CoxDesign, type GlmnetCoxFit, type GlmnetCoxOptions } from './glmnet.js';
import type { FitRequest } from './glmnet-worker.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

type FitReply = { id: number; fit: GlmnetCoxFit; error?: undefined } | { id: number; error: string };

function startWorker(): Worker {
  const ext = extname(fileURLToPath(import.meta.url));
  const url = new URL(`./glmnet-worker${ext}`, import.meta.url);
  if (ext !== '.ts') return new Worker(url);
  // Running from TypeScript sources (tsx): register the same loader in the worker first.
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true });
}

/** Runs the fits on `threads` workers (default: the machine's parallelism); results in input order. */
async function fitAll(jobs: Array<{ design: CoxDesign; options: GlmnetCoxOptions }>, threads: number): Promise<GlmnetCoxFit[]> {
  const results: GlmnetCoxFit[] = new Array(jobs.length);
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, startWorker);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              const req: FitRequest = { id, ...jobs[id] };
              worker.postMessage(req);
            };
            worker.on('message', (reply: FitReply) => {
              if (reply.error !== undefined) return reject(new GlmnetInputError(reply.error));
              results[reply.id] = reply.fit;
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** cvGlmnetCox on worker threads; the same result. `threads` defaults to the available cores. */
export async function cvGlmnetCoxParallel(
  x: FeatureMatrix,
  y: SurvivalOutcome,
  options: CvGlmnetCoxOptions & { threads?: number } = {},
): Promise<CvGlmnetCoxResult> {
  const { threads = availableParallelism(), ...cvOptions } = options;
  if (!Number.isInteger(threads) || threads < 1) throw new GlmnetInputError(`threads must be a positive integer, got ${threads}`);
  const d = coxDesign(x, y);
  const plan = planCv(d, cvOptions);
  const jobs = [{ design: d, options: plan.fitOptions }, ...plan.folds.map((f) => ({ design: f.design, options: { ...plan.fitOptions, weights: f.weights } }))];
  const [fit, ...foldFits] = await fitAll(jobs, threads);
  return summarizeCv(d, plan, fit, foldFits);
}
