// The common shape of the six feature selectors of the study recipe (CoxBoost, GBM, RSF, SuperPC
// here; elastic net and Lasso live with glmnet) and the input checks they share.
import { SurvivalInputError } from '../errors.js';
import type { FeatureMatrix, SurvivalOutcome } from '../types.js';

/** What every selector returns: the selected feature names (in input order) and an importance per
 * input feature (0 for features the method did not use), plus every parameter it ran with. */
export interface SelectorResult {
  method: string;
  selected: string[];
  importance: Record<string, number>;
  parameters: Record<string, unknown>;
}

/** Every selector takes a seed, even the deterministic ones, so that the recipe can treat them alike. */
export interface SelectorOptions {
  seed: number;
}

export type FeatureSelector<O extends SelectorOptions = SelectorOptions> = (
  x: FeatureMatrix,
  y: SurvivalOutcome,
  options: O,
) => SelectorResult;

/** Bad input or options given to a selector (a SurvivalInputError, like the rest of the engine's). */
export class SelectorInputError extends SurvivalInputError {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorInputError';
  }
}

/**
 * Checks a feature matrix and outcome for the selectors: equal lengths, finite non-negative times,
 * 0/1 status, at least `minEvents` events, finite and non-constant feature columns, unique names.
 * Returns the number of subjects.
 */
export function checkSelectorInput(x: FeatureMatrix, y: SurvivalOutcome, method: string, minEvents = 2): number {
  const n = y.time.length;
  if (y.status.length !== n) {
    throw new SelectorInputError(`${method}: time has ${n} entries but status has ${y.status.length}`);
  }
  if (n < 2) throw new SelectorInputError(`${method}: needs at least 2 subjects, got ${n}`);
  let events = 0;
  for (let i = 0; i < n; i++) {
    const t = y.time[i]!;
    if (!Number.isFinite(t) || t < 0) {
      throw new SelectorInputError(`${method}: time[${i}] = ${t} is missing, negative or not finite`);
    }
    const s = y.status[i]!;
    if (s !== 0 && s !== 1) throw new SelectorInputError(`${method}: status[${i}] = ${s} is not 0 or 1`);
    events += s;
  }
  if (events < minEvents) {
    throw new SelectorInputError(`${method}: needs at least ${minEvents} events, got ${events}`);
  }
  if (x.names.length !== x.columns.length) {
    throw new SelectorInputError(`${method}: ${x.names.length} feature names but ${x.columns.length} columns`);
  }
  if (x.columns.length === 0) throw new SelectorInputError(`${method}: no feature columns`);
  const seen = new Set<string>();
  x.columns.forEach((column, j) => {
    const name = x.names[j]!;
    if (seen.has(name)) throw new SelectorInputError(`${method}: feature name "${name}" appears twice`);
    seen.add(name);
    if (column.length !== n) {
      throw new SelectorInputError(`${method}: feature "${name}" has ${column.length} values for ${n} subjects`);
    }
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (!Number.isFinite(v)) throw new SelectorInputError(`${method}: feature "${name}" value ${i} is missing or not finite`);
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === max) throw new SelectorInputError(`${method}: feature "${name}" is constant`);
  });
  return n;
}

export function checkPositiveInteger(value: number, name: string, method: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new SelectorInputError(`${method}: ${name} must be a positive integer, got ${value}`);
  }
}

export function checkFraction(value: number, name: string, method: string, allowOne = true): void {
  if (!(value > 0 && (allowOne ? value <= 1 : value < 1))) {
    throw new SelectorInputError(`${method}: ${name} must be in (0, ${allowOne ? '1]' : '1)'}, got ${value}`);
  }
}

/** The columns of new data for a fitted model's features, by name (any column order in x). */
export function columnsByName(x: FeatureMatrix, names: readonly string[], method: string): Float64Array[] {
  return names.map((name) => {
    const j = x.names.indexOf(name);
    if (j < 0) throw new SelectorInputError(`${method}: new data lack feature "${name}"`);
    return x.columns[j]!;
  });
}

/** Importance as a plain record keyed by feature name, in input order. */
export function importanceRecord(names: string[], values: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, j) => {
    out[name] = values[j]!;
  });
  return out;
}

/** Feature names ordered by decreasing importance (ties keep input order). */
export function rankByImportance(importance: Record<string, number>): string[] {
  return Object.keys(importance)
    .map((name, index) => ({ name, index, value: importance[name]! }))
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .map((e) => e.name);
}
