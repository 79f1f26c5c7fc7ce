// Worker for bench/survival-selectors.ts: grows the RSF trees whose seeds it is given.
import { parentPort, workerData } from 'node:worker_threads';
import { growRsfTrees, type RsfOptions } from '../src/survival/selectors/rsf.js';
import type { FeatureMatrix, SurvivalOutcome } from '../src/survival/types.js';

const { x, y, options, seeds } = workerData as { x: FeatureMatrix; y: SurvivalOutcome; options: RsfOptions; seeds: number[] };
parentPort!.postMessage(growRsfTrees(x, y, options, seeds));
