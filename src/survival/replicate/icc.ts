// icc: reader 1 (the main CSV) against reader 2 (spec.icc.reader2, matched by id), on all
// patients and on the spec's 30-patient subset (reference.R icc_block).
import { resolve } from 'node:path';
import { numericColumn, readCsvFile } from '../data.js';
import { SurvivalInputError } from '../errors.js';
import { intraclassCorrelation, type IccEstimate } from '../icc.js';
import type { ReplicateSection } from './types.js';

const estimate = (e: IccEstimate): Record<string, number> => ({ icc: e.icc, F: e.F, df1: e.df1, df2: e.df2, p: e.p, lower: e.lower, upper: e.upper });

function iccBlock(features: string[], reader1: Float64Array[], reader2: Float64Array[], rows: number[]): Record<string, unknown> {
  const table = { feature: features, icc2_1: [] as number[], icc3_1: [] as number[], icc2_1_lower: [] as number[], icc2_1_upper: [] as number[], icc3_1_lower: [] as number[], icc3_1_upper: [] as number[] };
  const detail: Record<string, unknown> = {};
  features.forEach((f, j) => {
    const a = Float64Array.from(rows, (i) => reader1[j]![i]!);
    const b = Float64Array.from(rows, (i) => reader2[j]![i]!);
    const r = intraclassCorrelation([a, b]);
    table.icc2_1.push(r.icc2.icc);
    table.icc3_1.push(r.icc3.icc);
    table.icc2_1_lower.push(r.icc2.lower);
    table.icc2_1_upper.push(r.icc2.upper);
    table.icc3_1_lower.push(r.icc3.lower);
    table.icc3_1_upper.push(r.icc3.upper);
    detail[f] = { ICC2_1: estimate(r.icc2), ICC3_1: estimate(r.icc3), ICC1_1: estimate(r.icc1), anova: { MSR: r.anova.MSR, MSC: r.anova.MSC, MSE: r.anova.MSE } };
  });
  const kept = features.filter((_, j) => table.icc2_1[j]! > 0.8);
  return {
    table,
    detail,
    'n_icc2_gt_0.8': kept.length,
    'n_icc3_gt_0.8': table.icc3_1.filter((v) => v > 0.8).length,
    'kept_icc2_gt_0.8': kept,
  };
}

export const iccSection: ReplicateSection = (ctx) => {
  const icc = ctx.spec.icc;
  if (!icc) return {};
  const file = resolve(ctx.specDir, icc.reader2);
  const table2 = readCsvFile(file);
  const idColumn = ctx.spec.columns.id;
  const ids2 = table2.rows.map((r) => r[table2.header.indexOf(idColumn)]!);
  if (table2.header.indexOf(idColumn) < 0) throw new SurvivalInputError(`${icc.reader2}: unknown column '${idColumn}'`);
  const rowOf = new Map(ids2.map((id, i) => [id, i]));
  const features = ctx.spec.features;
  const reader2Raw = features.map((f) => numericColumn(table2, f, icc.reader2));
  // Reader 2 aligned to reader 1's row order.
  const reader2 = reader2Raw.map((col) =>
    Float64Array.from(ctx.ids, (id) => {
      const i = rowOf.get(id);
      if (i === undefined) throw new SurvivalInputError(`${icc.reader2}: no row for id '${id}'`);
      return col[i]!;
    }),
  );
  const all = ctx.ids.map((_, i) => i);
  const subsetIds = new Set(icc.subset30_ids.map(String));
  const subset = all.filter((i) => subsetIds.has(ctx.ids[i]!));
  return {
    icc: {
      all_patients: iccBlock(features, ctx.raw.columns, reader2, all),
      subset30: { ids: icc.subset30_ids, ...iccBlock(features, ctx.raw.columns, reader2, subset) },
    },
  };
};
