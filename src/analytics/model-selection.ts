/**
 * Choosing among fitted count models: by out-of-sample error when a holdout period exists (what
 * matters is predicting the future, and the models' likelihoods are close on most data), else by
 * the Bayesian information criterion. All three candidate models have four parameters, so BIC
 * ranks them as the log-likelihood does; it is kept so the table reads the same with other models.
 */

/** BIC = -2 LL + k ln n (Schwarz 1978): k free parameters, n observations (customers). */
export function bayesianInformationCriterion(logLikelihood: number, parameters: number, observations: number): number {
  return -2 * logLikelihood + parameters * Math.log(observations);
}

/**
 * Mean absolute error per customer, (1/n) sum |actual_i - predicted_i|: the backtest error of
 * per-customer predictions. NaN when there are no customers.
 */
export function meanAbsoluteError(actual: Float64Array, predicted: Float64Array): number {
  const n = actual.length;
  if (predicted.length !== n) throw new RangeError('actual and predicted must have the same length');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(actual[i] - predicted[i]);
  return n > 0 ? sum / n : Number.NaN;
}

export interface ModelCandidate {
  readonly bic: number;
  readonly holdoutMae: number | null;
  readonly converged: boolean;
}

/**
 * Index of the best candidate by the rule (lower is better), or -1 when none has a finite score.
 * A fit that converged is preferred to one that did not, whatever their scores: the latter's
 * parameters are not a maximum of the likelihood. Ties go to the earlier candidate.
 */
export function chooseModel(candidates: readonly ModelCandidate[], rule: 'holdout-mae' | 'bic'): number {
  const score = (c: ModelCandidate): number => (rule === 'bic' ? c.bic : (c.holdoutMae ?? Number.NaN));
  let best = -1;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (!Number.isFinite(score(c))) continue;
    if (best === -1) {
      best = i;
      continue;
    }
    const b = candidates[best];
    if (c.converged !== b.converged) {
      if (c.converged) best = i;
      continue;
    }
    if (score(c) < score(b)) best = i;
  }
  return best;
}
