// The study's Table 1 for any selection of patients (n and % per category, age mean and range),
// with PFS median (95% CI, log transform as R's survfit default) and median follow-up by the
// reverse Kaplan–Meier, from the survival engine.
import { kaplanMeier, kmMedian, medianFollowUp } from '../../survival/index.js';
import type { PatientEntity } from '../patients/patient.entity.js';

export interface CategoryCount {
  variable: string;
  level: string;
  n: number;
  /** Of all patients in the selection. */
  percent: number;
}

export interface MedianEstimate {
  /** null = not reached. */
  median: number | null;
  lower: number | null;
  upper: number | null;
}

export interface TableOne {
  n: number;
  categories: CategoryCount[];
  age: { mean: number | null; min: number | null; max: number | null; known: number };
  pfs: { patients: number; events: number; medianMonths: MedianEstimate; followUpMonths: MedianEstimate } | null;
}

type Row = Pick<PatientEntity, 'sex' | 'ageAtDiagnosis' | 'bmiCategory' | 'smoking' | 'drinking' | 'ecog' | 'pfsMonths' | 'pfsEvent'>;

export function tableOne(patients: Row[], ageCutoff = 60): TableOne {
  const n = patients.length;
  const categories: CategoryCount[] = [];
  const count = (variable: string, levelOf: (p: Row) => string, order: string[]): void => {
    const counts = new Map<string, number>(order.map((level) => [level, 0]));
    for (const p of patients) counts.set(levelOf(p), (counts.get(levelOf(p)) ?? 0) + 1);
    for (const [level, k] of counts) {
      if (k === 0 && level === 'unknown') continue;
      categories.push({ variable, level, n: k, percent: n ? (100 * k) / n : 0 });
    }
  };
  const yesNo = (v: boolean | null): string => (v === null ? 'unknown' : v ? 'yes' : 'no');
  count('age', (p) => (p.ageAtDiagnosis === null ? 'unknown' : p.ageAtDiagnosis > ageCutoff ? `> ${ageCutoff}` : `<= ${ageCutoff}`), [`> ${ageCutoff}`, `<= ${ageCutoff}`, 'unknown']);
  count('sex', (p) => p.sex ?? 'unknown', ['MALE', 'FEMALE', 'unknown']);
  count('bmi', (p) => p.bmiCategory ?? 'unknown', ['UNDERWEIGHT', 'NORMAL', 'OVERWEIGHT', 'OBESE', 'unknown']);
  count('smoking', (p) => yesNo(p.smoking), ['yes', 'no', 'unknown']);
  count('drinking', (p) => yesNo(p.drinking), ['yes', 'no', 'unknown']);
  count('ecog', (p) => (p.ecog === null ? 'unknown' : p.ecog <= 1 ? '0-1' : '>= 2'), ['0-1', '>= 2', 'unknown']);

  const ages = patients.map((p) => p.ageAtDiagnosis).filter((a): a is number => a !== null);
  const age = {
    mean: ages.length ? ages.reduce((a, b) => a + b, 0) / ages.length : null,
    min: ages.length ? Math.min(...ages) : null,
    max: ages.length ? Math.max(...ages) : null,
    known: ages.length,
  };

  const withOutcome = patients.filter((p) => p.pfsMonths !== null && p.pfsEvent !== null);
  let pfs: TableOne['pfs'] = null;
  if (withOutcome.length) {
    const outcome = { time: Float64Array.from(withOutcome, (p) => p.pfsMonths!), status: Uint8Array.from(withOutcome, (p) => (p.pfsEvent ? 1 : 0)) };
    const events = outcome.status.reduce((a, b) => a + b, 0);
    pfs = {
      patients: withOutcome.length,
      events,
      medianMonths: estimate(events ? kmMedian(kaplanMeier(outcome), 'log') : null),
      followUpMonths: estimate(events < withOutcome.length ? medianFollowUp(outcome, 'log') : null),
    };
  }
  return { n, categories, age, pfs };
}

function estimate(m: { median: number; lower: number; upper: number } | null): MedianEstimate {
  const clean = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v);
  return { median: clean(m?.median), lower: clean(m?.lower), upper: clean(m?.upper) };
}
