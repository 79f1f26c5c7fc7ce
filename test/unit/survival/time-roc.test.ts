import { describe, expect, it } from 'vitest';
import { roundR } from '../../../src/survival/replicate/json.js';
import { censoringKm, censoringSurvival, timeDependentRoc } from '../../../src/survival/time-roc.js';
import { DATASETS, expectClose, fixture } from './reference-fixture.js';

describe.each(DATASETS)('time-dependent ROC against timeROC on %s', (name) => {
  const { ref, outcome, raw } = fixture(name);
  const radscore = Float64Array.from(ref.radscore.value as number[]);
  const tiedName = Object.keys(ref.td_auc.markers).find((k) => k !== 'radscore')!;
  const tied =
    name === 'lung' ? raw.columns[raw.names.indexOf('ph_ecog')]! : name === 'veteran' ? raw.columns[raw.names.indexOf('karno')]!.map((v) => -v) : radscore.map((v) => roundR(v, 1));

  for (const [label, marker] of [['radscore', radscore], [tiedName, tied]] as const) {
    it(`reproduces AUC (1e-12; timeROC itself agrees to 1e-16) and IPCW fields for ${label}`, () => {
      const rows = timeDependentRoc(outcome, marker, ref.td_auc.times);
      const r = ref.td_auc.markers[label].result;
      expectClose(rows.map((x) => x.auc), r.auc, 1e-12, 0, 'auc');
      expect(rows.map((x) => x.nCases)).toEqual(r.n_cases);
      expect(rows.map((x) => x.nControls)).toEqual(r.n_controls);
      expect(rows.map((x) => x.nCensoredBeforeT)).toEqual(r.n_censored_before_t);
      expectClose(rows.map((x) => x.G_t), r.G_t, 1e-12, 0, 'G_t');
      expectClose(rows.map((x) => x.cumIncidenceIpcw), r.cum_incidence_ipcw, 1e-12, 0, 'cum incidence');
      expectClose(rows.map((x) => x.survProbIpcw), r.surv_prob_ipcw, 1e-12, 1e-300, 'surv prob');
    });
  }

  it('has the prodlim censoring KM and G(T−) (1e-12)', () => {
    const km = censoringKm(outcome);
    expectClose(km.times, ref.censoring_km.times, 0, 0, 'times');
    expectClose(km.hazard, ref.censoring_km.hazard, 1e-12, 0, 'hazard');
    expectClose(km.G, ref.censoring_km.G, 1e-12, 0, 'G');
    expectClose(Array.from(outcome.time, (t) => censoringSurvival(km, t, true)), ref.censoring_km.G_minus_at_subject_times, 1e-12, 0, 'G(T-)');
  });
});

describe('time-dependent ROC known answers', () => {
  it('without censoring equals the Mann–Whitney AUC of cases vs controls, ties ½', () => {
    const outcome = { time: Float64Array.from([1, 2, 3, 4, 5, 6]), status: new Uint8Array(6).fill(1) };
    const marker = [5, 3, 4, 3, 1, 0];
    const [row] = timeDependentRoc(outcome, marker, [3.5]);
    // cases {5,3,4} vs controls {3,1,0}: 9 pairs, one tie (3 vs 3).
    expectClose(row!.auc, 8.5 / 9, 1e-15);
    expect(row!.curve[0]).toEqual({ threshold: Infinity, tp: 0, fp: 0 });
    expect(row!.curve.at(-1)).toEqual({ threshold: -Infinity, tp: 1, fp: 1 });
  });
  it('counts T = t as neither case nor control', () => {
    const outcome = { time: Float64Array.from([1, 2, 3]), status: new Uint8Array(3).fill(1) };
    const [row] = timeDependentRoc(outcome, [3, 2, 1], [2]);
    expect([row!.nCases, row!.nControls, row!.nCensoredBeforeT]).toEqual([1, 1, 1]);
  });
});
