// Test data for the selector tests: simulated Cox data with known drivers, and the reference
// cohorts of ../shared/data/stats-reference read from CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../../../src/survival/random.js';
import type { FeatureMatrix, SurvivalOutcome } from '../../../../src/survival/types.js';
import { STATS_REFERENCE } from '../../../support/paths.js';

export interface SurvivalData {
  x: FeatureMatrix;
  y: SurvivalOutcome;
}

/**
 * n subjects, p independent N(0,1) features named f01..; hazard exp(sum beta_k x_driver_k) with
 * exponential baseline (rate 0.1); censoring uniform on (0, censorMax). Drivers are given by index.
 */
export function simulateCox(
  seed: number,
  n: number,
  p: number,
  drivers: { index: number; beta: number }[],
  censorMax = 30,
): SurvivalData {
  const random = new Random(seed);
  const names = Array.from({ length: p }, (_, j) => `f${String(j + 1).padStart(2, '0')}`);
  const columns = names.map(() => {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = random.normal();
    return col;
  });
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (const d of drivers) eta += d.beta * columns[d.index]![i]!;
    const event = -Math.log(1 - random.uniform()) / (0.1 * Math.exp(eta));
    const censor = random.uniform() * censorMax;
    time[i] = Math.min(event, censor);
    status[i] = event <= censor ? 1 : 0;
  }
  return { x: { names, columns }, y: { time, status } };
}

export function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** A cohort CSV (id, time, status, features...) with the named features, z-scored (n-1 SD) when asked. */
export function readCohort(path: string, features: string[], zscore: boolean): SurvivalData {
  const { header, rows } = readCsv(path);
  const col = (name: string): Float64Array => {
    const j = header.indexOf(name);
    if (j < 0) throw new Error(`column ${name} not in ${path}`);
    return Float64Array.from(rows, (r) => Number(r[j]));
  };
  const columns = features.map((name) => {
    const c = col(name);
    if (!zscore) return c;
    const n = c.length;
    const mean = c.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    return c.map((v) => (v - mean) / sd);
  });
  return {
    x: { names: [...features], columns },
    y: { time: col('time'), status: Uint8Array.from(col('status')) },
  };
}

export interface ReferenceJson {
  features: string[];
  simulation?: { true_drivers: string[] };
  univariate_significant_efron_p_lt_0$05?: string[];
  multivariable: Record<'efron' | 'breslow', { terms: string[]; coef: number[]; loglik: number }>;
  [key: string]: unknown;
}

export function readReference(dataset: string): ReferenceJson {
  return JSON.parse(readFileSync(join(STATS_REFERENCE, `${dataset}.json`), 'utf8')) as ReferenceJson;
}

export function referenceCsv(dataset: string): string {
  return join(STATS_REFERENCE, `${dataset}.csv`);
}

/** 1-based rank of each name in a ranking. */
export function ranksOf(ranking: string[], names: string[]): number[] {
  return names.map((name) => ranking.indexOf(name) + 1);
}
