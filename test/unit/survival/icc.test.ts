import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numericColumn, parseCsv } from '../../../src/survival/data.js';
import { intraclassCorrelation } from '../../../src/survival/icc.js';
import { STATS_REFERENCE } from '../../support/paths.js';
import { expectClose, fixture } from './reference-fixture.js';

describe('ICC against psych::ICC on the two-reader radiomics cohort', () => {
  const { ref, raw, ids } = fixture('radiomics_sim_A');
  const table2 = parseCsv(readFileSync(join(STATS_REFERENCE, 'radiomics_sim_A_reader2.csv'), 'utf8'));
  const ids2 = numericColumn(table2, 'id');
  const row2 = ids.map((id) => ids2.indexOf(Number(id)));

  for (const part of ['all_patients', 'subset30'] as const) {
    it(`reproduces ICC(1,1), ICC(2,1), ICC(3,1), F, p and bounds for ${part} (ICC 1e-12, bounds 1e-10, p 1e-8)`, () => {
      const subset = part === 'subset30' ? new Set((ref.icc.subset30.ids as number[]).map(String)) : null;
      const rows = ids.map((_, i) => i).filter((i) => !subset || subset.has(ids[i]!));
      for (const f of ref.features as string[]) {
        const a = raw.columns[raw.names.indexOf(f)]!;
        const b = numericColumn(table2, f);
        const r = intraclassCorrelation([Float64Array.from(rows, (i) => a[i]!), Float64Array.from(rows, (i) => b[row2[i]!]!)]);
        const d = ref.icc[part].detail[f];
        for (const [ours, theirs] of [[r.icc1, d.ICC1_1], [r.icc2, d.ICC2_1], [r.icc3, d.ICC3_1]] as const) {
          expectClose(ours.icc, theirs.icc, 1e-12, 0, `${f} icc`);
          expectClose(ours.F, theirs.F, 1e-12, 0, `${f} F`);
          expect([ours.df1, ours.df2]).toEqual([theirs.df1, theirs.df2]);
          expectClose(ours.p, theirs.p, 1e-8, 0, `${f} p`);
          expectClose([ours.lower, ours.upper], [theirs.lower, theirs.upper], 1e-10, 0, `${f} bounds`);
        }
        // MSC is a small difference of column means: its rounding error scales with MSR, not itself.
        expectClose([r.anova.MSR, r.anova.MSC, r.anova.MSE], [d.anova.MSR, d.anova.MSC, d.anova.MSE], 1e-12, 1e-12 * d.anova.MSR, `${f} anova`);
      }
    });
  }
});

describe('ICC known answers', () => {
  it('is 1 for (nearly) identical readers; a constant shift keeps ICC(3,1) = 1 but lowers ICC(2,1)', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const same = intraclassCorrelation([a, a.map((v) => v + 1e-12 * Math.sin(v))]);
    expect(same.icc2.icc).toBeCloseTo(1, 10);
    const shifted = intraclassCorrelation([a, a.map((v) => v + 2)]);
    expect(shifted.icc3.icc).toBeCloseTo(1, 12);
    expectClose(shifted.icc2.icc, 7 / 11, 1e-14); // MSR = 7, MSC = 12, MSE = 0
    expect(Number.isNaN(shifted.icc2.lower)).toBe(true); // no residual variation: psych's NA bound
  });
});
