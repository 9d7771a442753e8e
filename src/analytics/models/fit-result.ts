/**
 * Turns the optimiser's outcome on scaled log-parameters into a FitResult on the natural scale,
 * the same way for every model.
 */
import { maximizeLikelihood, naturalStandardError, WARM_START_GROUPS, type LogLikelihood } from './mle.js';
import { prepareCounts, type PreparedCounts } from './group-histories.js';
import type { CountHistories, FitOptions, FitResult, ModelName, StandardErrors } from './types.js';
import { poissonLimit, type PoissonLimit, Z_CRITICAL } from './poisson-limit.js';

export interface ModelSpec<P> {
  readonly model: ModelName;
  readonly names: readonly (keyof P & string)[];
  readonly ll: LogLikelihood;
  /** Default starting points on the scaled natural scale. */
  readonly defaultStarts: readonly (readonly number[])[];
  /** Multiplies each scaled parameter into natural units (1 for shape parameters). */
  readonly unitFactors: readonly number[];
  /** Log-likelihood in natural units from the one in scaled units (time or money unit change). */
  readonly toNaturalLogLikelihood: (scaledLogLikelihood: number) => number;
  readonly describeBoundary: (index: number, direction: -1 | 1) => string;
  readonly extraWarnings?: readonly string[];
}

export function fitModel<P extends object>(spec: ModelSpec<P>, options: FitOptions<P> = {}): FitResult<P> {
  const { names, unitFactors } = spec;
  const starts = (options.starts ?? []).map((s) => {
    const rec = s as Record<string, number>;
    return Float64Array.from(names, (name, i) => Math.log(rec[name] / unitFactors[i]));
  });
  for (const s of starts) {
    if (s.some((v) => !Number.isFinite(v)))
      throw new RangeError(`starting points must have positive finite parameters (${names.join(', ')})`);
  }
  const outcome = maximizeLikelihood({
    names,
    ll: spec.ll,
    starts: starts.length > 0 ? starts : spec.defaultStarts.map((s) => Float64Array.from(s, Math.log)),
    penalty: options.penalty ?? 0,
    allStarts: options.allStarts ?? false,
    maxIterations: options.maxIterations ?? 200,
    gradientTolerance: options.gradientTolerance ?? 1e-9,
    standardErrors: options.standardErrors ?? true,
    warmStartGroups: options.warmStartGroups ?? WARM_START_GROUPS,
    describeBoundary: spec.describeBoundary,
  });
  const params: Record<string, number> = {};
  const standardErrors: Record<string, number | null> = {};
  names.forEach((name, i) => {
    params[name] = Math.exp(outcome.theta[i]) * unitFactors[i];
    standardErrors[name] = naturalStandardError(params[name], outcome.logStandardErrors[i]);
  });
  return {
    model: spec.model,
    params: params as P,
    logLikelihood: spec.toNaturalLogLikelihood(outcome.logLikelihood),
    converged: outcome.converged,
    iterations: outcome.iterations,
    gradientNorm: outcome.gradientNorm,
    standardErrors: standardErrors as StandardErrors<P>,
    warnings: [...(spec.extraWarnings ?? []), ...outcome.warnings],
    nObservations: spec.ll.nObservations,
    nGroups: spec.ll.nGroups,
    startsTried: outcome.startsTried,
    evaluations: outcome.evaluations,
    penalty: options.penalty ?? 0,
  };
}

/** Shape parameters standing for infinity (r) and for zero (s, a) in the parameters of a Poisson limit. */
export const LIMIT_SHAPE = 1e8;

/**
 * The fit of a count model at its Poisson limit (poisson-limit.ts): the limit's log-likelihood,
 * parameters that stand for it, no standard errors (the likelihood is flat there), and a warning
 * that says what the data showed.
 */
export function fitAtPoissonLimit<P extends object>(
  model: ModelName,
  params: P,
  limit: PoissonLimit,
  prep: PreparedCounts,
  limitText: string,
): FitResult<P> {
  const standardErrors: Record<string, null> = {};
  for (const name of Object.keys(params)) standardErrors[name] = null;
  return {
    model,
    params,
    logLikelihood: limit.logLikelihood,
    converged: true,
    iterations: 0,
    gradientNorm: 0,
    standardErrors: standardErrors as StandardErrors<P>,
    warnings: [
      `purchase rates look the same for every customer and nobody appears to drop out: the repeat purchases vary no more than a Poisson process's (overdispersion z = ${limit.z.toFixed(2)}, below ${Z_CRITICAL}), so the likelihood is highest in the limit ${limitText}; the fit is that limit, ${limit.rate.toPrecision(4)} purchases per time unit for everyone, P(alive) 1`,
    ],
    nObservations: prep.nObservations,
    nGroups: prep.nGroups,
    startsTried: 0,
    evaluations: 0,
    penalty: 0,
  };
}

/**
 * The Poisson limit of the data when an unpenalised fit from the default starts would run to it;
 * null otherwise (a penalty or the caller's starts ask for the optimiser).
 */
export function poissonLimitOf<P>(data: CountHistories, options: FitOptions<P>): PoissonLimit | null {
  if (options.starts !== undefined || (options.penalty ?? 0) > 0) return null;
  const limit = poissonLimit(data);
  return limit !== null && limit.z < Z_CRITICAL ? limit : null;
}

/** Generic wording for a parameter at a boundary, used when a model has nothing more specific. */
export function genericBoundary(name: string, direction: -1 | 1): string {
  return `${name} -> ${direction < 0 ? '0' : 'infinity'}: the likelihood is highest at the edge of the parameter space, so ${name} is not identified by these data; predictions still follow from the fitted values but treat them with care`;
}

/**
 * The fit of the two models with parameters (r, alpha, a, b) — BG/NBD and MBG/NBD — which share
 * everything but the likelihood: starting points around the observed purchase rate (in units of
 * the mean T), alpha measured in those units, and the log-likelihood mapped back to the caller's
 * time unit (measuring time in units of `scale` divides each history's density by scale^x).
 */
export function fitRateDropoutModel<P extends object>(
  model: 'bgnbd' | 'mbgnbd',
  names: ModelSpec<P>['names'],
  likelihood: (prep: PreparedCounts) => LogLikelihood,
  describeBoundary: ModelSpec<P>['describeBoundary'],
  data: CountHistories,
  options: FitOptions<P>,
): FitResult<P> {
  const prep = prepareCounts(data);
  const limit = poissonLimitOf(data, options);
  if (limit !== null) {
    // r = 1e8, alpha = r / lambda: every rate within 0.01% of lambda; a = 1e-8, b = 1: a dropout
    // probability of about 1e-8 after each purchase.
    const params = { r: LIMIT_SHAPE, alpha: LIMIT_SHAPE / limit.rate, a: 1 / LIMIT_SHAPE, b: 1 };
    return fitAtPoissonLimit(model, params as P, limit, prep, 'r, alpha -> infinity, a -> 0');
  }
  const rate = Math.max(1e-3, prep.sumWeightedX / Math.max(prep.nObservations, 1e-300));
  return fitModel<P>(
    {
      model,
      names,
      ll: likelihood(prep),
      defaultStarts: [
        [1, 1 / rate, 1, 1],
        [0.3, 0.3 / rate, 0.5, 3],
        [3, 3 / rate, 2, 8],
        [1, 1 / rate, 0.2, 4],
      ],
      unitFactors: [1, prep.scale, 1, 1],
      toNaturalLogLikelihood: (ll) => ll - Math.log(prep.scale) * prep.sumWeightedX,
      describeBoundary,
    },
    options,
  );
}
