// logrank: survdiff for the spec's binary split and for radscore > median, with per-group KM
// medians (reference.R logrank_block).
import { kaplanMeier, kmMedian } from '../kaplan-meier.js';
import { logRankTest } from '../logrank.js';
import { numericColumn, readCsvFile } from '../data.js';
import { resolve } from 'node:path';
import type { SurvivalOutcome } from '../types.js';
import { medianR } from './json.js';
import { radscoreOf } from './stepaic.js';
import type { ReplicateContext, ReplicateSection } from './types.js';

export function logRankJson(outcome: SurvivalOutcome, group: Uint8Array, label: string): Record<string, unknown> {
  const test = logRankTest(outcome, group);
  const kmByGroup = test.groups.map((g) => {
    const idx = Array.from(group.keys()).filter((i) => group[i] === g);
    const fit = kaplanMeier({ time: Float64Array.from(idx, (i) => outcome.time[i]!), status: Uint8Array.from(idx, (i) => outcome.status[i]!) });
    const m = kmMedian(fit, 'log');
    return { group: g, n: fit.n, events: fit.events, median: m.median, median_lower: m.lower, median_upper: m.upper };
  });
  return {
    split: label,
    groups: test.groups,
    n: test.n,
    observed: test.observed,
    expected: test.expected,
    var: test.variance,
    chisq: test.chisq,
    df: test.df,
    p: test.p,
    km_by_group: kmByGroup,
    group_vector: group,
  };
}

const COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};

function binarySplit(ctx: ReplicateContext): { group: Uint8Array; label: string } {
  const split = ctx.spec.logrank_binary_split;
  const j = ctx.raw.names.indexOf(split.column);
  const x = j >= 0 ? ctx.raw.columns[j]! : numericColumn(readCsvFile(resolve(ctx.specDir, ctx.spec.data)), split.column, ctx.spec.data);
  if (split.op !== 'gt_median') {
    const value = split.value;
    if (value === undefined) throw new Error(`logrank split on '${split.column}' with op '${split.op}' needs a value`);
    const test = COMPARISONS[split.op];
    if (!test) throw new Error(`logrank split: unknown op '${String(split.op)}'`);
    return { group: Uint8Array.from(x, (v) => (test(v, value) ? 1 : 0)), label: `${split.column} ${split.op} ${value}` };
  }
  const med = medianR(x);
  return { group: Uint8Array.from(x, (v) => (v > med ? 1 : 0)), label: `${split.column} > median` };
}

export const logRankSection: ReplicateSection = (ctx) => {
  const bin = binarySplit(ctx);
  const radscore = radscoreOf(ctx.results);
  const med = medianR(radscore);
  return {
    logrank: {
      binary_covariate: logRankJson(ctx.outcome, bin.group, bin.label),
      radscore_median: logRankJson(ctx.outcome, Uint8Array.from(radscore, (v) => (v > med ? 1 : 0)), 'radscore > median(radscore)'),
    },
  };
};
