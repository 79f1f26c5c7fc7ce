// Linear and log scales with "nice" ticks. Ticks are computed as integer multiples of the step
// (i × step, or i / (1/step) for steps below one) so that 0.1 + 0.2 artefacts never appear.
import { PlotInputError } from './errors.js';

export interface Scale {
  /** Map a data value to a pixel coordinate. */
  (value: number): number;
  domain: [number, number];
  range: [number, number];
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  if (!(Number.isFinite(d0) && Number.isFinite(d1)) || d0 === d1) throw new PlotInputError(`linear scale: domain [${d0}, ${d1}] must be two different finite numbers`);
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)) as Scale;
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  return scale;
}

export function logScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  if (!(d0 > 0 && d1 > 0 && Number.isFinite(d0) && Number.isFinite(d1)) || d0 === d1) throw new PlotInputError(`log scale: domain [${d0}, ${d1}] must be two different positive finite numbers`);
  const l0 = Math.log(d0);
  const l1 = Math.log(d1);
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((Math.log(v) - l0) / (l1 - l0)) * (r1 - r0)) as Scale;
  scale.domain = [d0, d1];
  scale.range = [r0, r1];
  return scale;
}

/**
 * A step of the form {1, 2, 5} × 10^k near span / count: the raw step is rounded to the nice
 * value whose ratio to it is smallest (boundaries at the geometric means √2, √10, √50).
 */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) throw new PlotInputError(`nice ticks: span ${span} must be positive and finite`);
  const raw = span / Math.max(1, count);
  const power = Math.floor(Math.log10(raw));
  const unit = 10 ** power;
  const ratio = raw / unit;
  const mult = ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.SQRT2 ? 2 : 1;
  return mult * unit;
}

/** Multiples of `step` inside [min, max] (inclusive, with a relative slack of 1e-9). */
export function ticksWithStep(min: number, max: number, step: number): number[] {
  if (!(step > 0) || !Number.isFinite(step)) throw new PlotInputError(`ticks: step ${step} must be positive and finite`);
  const slack = 1e-9 * Math.max(Math.abs(min), Math.abs(max), step);
  const inverse = step < 1 ? Math.round(1 / step) : 0;
  const exactInverse = inverse > 0 && Math.abs(1 / inverse - step) < 1e-12;
  const value = (i: number) => (exactInverse ? i / inverse : i * step);
  const first = Math.ceil((min - slack) / step);
  const last = Math.floor((max + slack) / step);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(value(i) === 0 ? 0 : value(i));
  return ticks;
}

/** Nice ticks covering [min, max]: niceTicks(0, 60) = [0, 10, 20, 30, 40, 50, 60]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) throw new PlotInputError(`nice ticks: max ${max} must exceed min ${min}`);
  return ticksWithStep(min, max, niceStep(max - min, count));
}

/** The smallest interval of whole steps containing [min, max]. */
export function niceDomain(min: number, max: number, step: number): [number, number] {
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  return [lo, hi > lo ? hi : lo + step];
}

// Mantissas of log ticks by how many decades the axis spans: a narrow axis needs more of them.
const LOG_MANTISSAS: { maxDecades: number; mantissas: number[] }[] = [
  { maxDecades: 1.2, mantissas: [1, 2, 3, 5] },
  { maxDecades: 2.5, mantissas: [1, 2, 5] },
  { maxDecades: Infinity, mantissas: [1] },
];

function logCandidates(min: number, max: number): number[] {
  const decades = Math.log10(max / min);
  const { mantissas } = LOG_MANTISSAS.find((m) => decades <= m.maxDecades)!;
  const out: number[] = [];
  for (let p = Math.floor(Math.log10(min)) - 1; p <= Math.ceil(Math.log10(max)) + 1; p++) {
    for (const m of mantissas) out.push(Number((m * 10 ** p).toPrecision(12)));
  }
  return out;
}

/**
 * Log-axis domain and ticks around [min, max]: the domain runs from the largest candidate tick ≤ min
 * to the smallest ≥ max; logTicks(0.4, 2.3) = { domain: [0.3, 3], ticks: [0.3, 0.5, 1, 2, 3] }.
 */
export function logTicks(min: number, max: number): { domain: [number, number]; ticks: number[] } {
  if (!(min > 0 && max > min && Number.isFinite(max))) throw new PlotInputError(`log ticks: need 0 < min < max, got [${min}, ${max}]`);
  const candidates = logCandidates(min, max);
  const lo = candidates.filter((c) => c <= min * (1 + 1e-12)).pop()!;
  const hi = candidates.find((c) => c >= max * (1 - 1e-12))!;
  return { domain: [lo, hi], ticks: candidates.filter((c) => c >= lo && c <= hi) };
}
