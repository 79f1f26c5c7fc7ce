// Shared shapes of the survival engine.

/** Right-censored outcomes, one entry per subject. status 1 = event observed, 0 = censored. */
export interface SurvivalOutcome {
  time: Float64Array;
  status: Uint8Array;
}

/** Covariates by column (column-major): columns[j][i] is feature j of subject i. */
export interface FeatureMatrix {
  names: string[];
  columns: Float64Array[];
}
