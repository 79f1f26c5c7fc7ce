// `stats replicate`: the reference sections in order, each a pure function of the context
// (types.ts). Later sections may read earlier ones' output from ctx.results (the radscore is
// written by stepAicSection). To add a section, append one entry to REPLICATE_SECTIONS.
import { calibrationSection } from './calibration.js';
import { buildContext } from './context.js';
import { glmnetSection } from './glmnet.js';
import { headerSection } from './header.js';
import { iccSection } from './icc.js';
import { kmSection } from './km.js';
import { logRankSection } from './logrank.js';
import { maxstatSection } from './maxstat.js';
import { multivariableSection } from './multivariable.js';
import { stepAicSection } from './stepaic.js';
import { tdAucSection } from './td-auc.js';
import type { ReplicateContext, ReplicateSection } from './types.js';
import { univariateSection } from './univariate.js';

export const REPLICATE_SECTIONS: ReplicateSection[] = [
  headerSection,
  kmSection,
  univariateSection,
  multivariableSection,
  stepAicSection,
  tdAucSection,
  calibrationSection,
  logRankSection,
  maxstatSection,
  glmnetSection,
  iccSection,
];

/** Runs every section on the context and returns the merged result object. */
export async function replicate(ctx: ReplicateContext, sections: ReplicateSection[] = REPLICATE_SECTIONS): Promise<Record<string, unknown>> {
  for (const section of sections) Object.assign(ctx.results, await section(ctx));
  return ctx.results;
}

/** Reads a spec (and its CSVs) and computes the reference-shaped result. */
export async function replicateSpec(specPath: string): Promise<Record<string, unknown>> {
  return replicate(buildContext(specPath));
}

export { buildContext } from './context.js';
export { toReferenceJson } from './json.js';
export type { ReplicateContext, ReplicateSection, ReplicateSpec } from './types.js';
