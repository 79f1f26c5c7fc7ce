// Error classes of the survival engine: every bad input or failed fit throws one of these with a
// message that names the problem (column, count, iteration), never a NaN result.

export class SurvivalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SurvivalInputError';
  }
}

export class NotEnoughEventsError extends SurvivalInputError {
  constructor(message: string) {
    super(message);
    this.name = 'NotEnoughEventsError';
  }
}

export class CoxFitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoxFitError';
  }
}

/** Newton–Raphson ran out of iterations (R: "Ran out of iterations and did not converge"). */
export class CoxConvergenceError extends CoxFitError {
  constructor(message: string) {
    super(message);
    this.name = 'CoxConvergenceError';
  }
}

/** Monotone likelihood: a coefficient diverges (R warns "Loglik converged before variable ..."). */
export class CoxSeparationError extends CoxFitError {
  constructor(message: string, readonly terms: string[]) {
    super(message);
    this.name = 'CoxSeparationError';
  }
}

/** The information matrix is singular: a constant column or a linear combination of others. */
export class SingularDesignError extends CoxFitError {
  constructor(message: string, readonly terms: string[]) {
    super(message);
    this.name = 'SingularDesignError';
  }
}
