// td_auc (timeROC-style AUC of the radscore and of a tied marker at the spec's horizons) and
// censoring_km (the reverse KM behind the IPCW weights).
import { censoringKm, censoringSurvival, timeDependentRoc } from '../time-roc.js';
import { numericColumn, readCsvFile } from '../data.js';
import { resolve } from 'node:path';
import { roundR } from './json.js';
import { radscoreOf } from './stepaic.js';
import type { ReplicateContext, ReplicateSection } from './types.js';

function tiedMarker(ctx: ReplicateContext, radscore: Float64Array): Float64Array {
  const spec = ctx.spec.td_auc.tied_marker;
  if (spec.radscore_round !== undefined) return radscore.map((v) => roundR(v, spec.radscore_round!));
  if (spec.column === undefined) throw new Error(`tied marker '${spec.name}' has neither column nor radscore_round`);
  const j = ctx.raw.names.indexOf(spec.column);
  const col = j >= 0 ? ctx.raw.columns[j]! : numericColumn(readCsvFile(resolve(ctx.specDir, ctx.spec.data)), spec.column, ctx.spec.data);
  const sign = spec.sign ?? 1;
  return col.map((v) => sign * v);
}

export const tdAucSection: ReplicateSection = (ctx) => {
  const times = ctx.spec.td_auc.times;
  const radscore = radscoreOf(ctx.results);
  const markers: Record<string, Float64Array> = { radscore, [ctx.spec.td_auc.tied_marker.name]: tiedMarker(ctx, radscore) };
  const out: Record<string, unknown> = {};
  for (const [name, marker] of Object.entries(markers)) {
    const rows = timeDependentRoc(ctx.outcome, marker, times);
    out[name] = {
      result: {
        t: rows.map((r) => r.t),
        auc: rows.map((r) => r.auc),
        n_cases: rows.map((r) => r.nCases),
        n_controls: rows.map((r) => r.nControls),
        n_censored_before_t: rows.map((r) => r.nCensoredBeforeT),
        G_t: rows.map((r) => r.G_t),
        cum_incidence_ipcw: rows.map((r) => r.cumIncidenceIpcw),
        surv_prob_ipcw: rows.map((r) => r.survProbIpcw),
      },
    };
  }
  const km = censoringKm(ctx.outcome);
  return {
    td_auc: { times, markers: out },
    censoring_km: {
      times: km.times,
      hazard: km.hazard,
      G: km.G,
      G_minus_at_subject_times: ctx.outcome.time.map((t) => censoringSurvival(km, t, true)),
    },
  };
};
