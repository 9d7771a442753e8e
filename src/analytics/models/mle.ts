/**
 * Maximum likelihood, shared by every model: multi-start BFGS on the log-parameters, an optional
 * L2 penalty, boundary detection, and standard errors from the numeric Hessian of the analytic
 * gradient. Each model supplies its log-likelihood (with gradient) on the log-parameters.
 */
import { RegularsError } from '../../platform/errors.js';
import { minimizeBfgs, type MinimizeResult } from '../optimize/bfgs.js';
import { invertSpd, numericHessian } from '../optimize/hessian.js';

/** A model's log-likelihood on log-parameters theta (scale parameters in the data's scaled units). */
export interface LogLikelihood {
  /** Customers (sum of weights). */
  readonly nObservations: number;
  /** Distinct histories evaluated. */
  readonly nGroups: number;
  /** Total log-likelihood at theta; writes d LL / d theta into grad. Non-finite when undefined. */
  evaluate(theta: Float64Array, grad: Float64Array): number;
  /**
   * The same likelihood on a deterministic subsample of about maxGroups histories (every k-th,
   * weighted by k), for a cheap first fit on large data; absent where the data are always small.
   */
  subsample?(maxGroups: number): LogLikelihood;
}

export interface MleProblem {
  readonly names: readonly string[];
  readonly ll: LogLikelihood;
  /** Starting points, log-parameters. */
  readonly starts: readonly Float64Array[];
  readonly penalty: number;
  readonly allStarts: boolean;
  readonly maxIterations: number;
  readonly gradientTolerance: number;
  readonly standardErrors: boolean;
  /** Subsample size of the warm start on large data (WARM_START_GROUPS unless the caller says otherwise). */
  readonly warmStartGroups?: number;
  /** Model-specific explanation of a parameter running to 0 (-1) or infinity (+1). */
  readonly describeBoundary: (index: number, direction: -1 | 1) => string;
}

export interface MleOutcome {
  readonly theta: Float64Array;
  /** Unpenalised log-likelihood at theta (scaled units). */
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly gradientNorm: number;
  /** Standard errors of the log-parameters, null where unavailable. */
  readonly logStandardErrors: (number | null)[];
  readonly warnings: string[];
  readonly startsTried: number;
  readonly evaluations: number;
}

/** The box on every log-parameter: e^-20 ~ 2e-9 to e^20 ~ 5e8, far beyond any sensible fit. */
export const LOG_BOUND = 20;
/**
 * A parameter beyond e^+-9.2 (1e-4 .. 1e4, scale parameters in units of the mean T or mean spend)
 * is treated as having run to a boundary even if the optimiser stopped before the box: along such
 * a ridge the likelihood is flat and the gradient vanishes before the box is reached.
 */
export const BOUNDARY_LOG = Math.log(1e4);

/** Above this many distinct histories the fit starts on a subsample (see maximizeLikelihood). */
export const WARM_START_GROUPS = 50_000;

export function maximizeLikelihood(problem: MleProblem): MleOutcome {
  const { ll, names, penalty } = problem;
  const p = names.length;
  const N = ll.nObservations;
  if (!(N > 0)) throw new RegularsError('INVALID_ARGUMENT', 'no customers to fit the model on');
  if (!(penalty >= 0) || !Number.isFinite(penalty))
    throw new RegularsError('INVALID_ARGUMENT', `penalty must be a number >= 0 (got ${penalty})`);
  let evaluations = 0;

  // Objective per customer: -LL / N + penalty * |theta|^2 (see FitOptions.penalty).
  const objectiveOf = (lik: LogLikelihood): ((theta: Float64Array, grad: Float64Array) => number) => {
    const gll = new Float64Array(p);
    const n = lik.nObservations;
    return (theta, grad) => {
      evaluations++;
      const v = lik.evaluate(theta, gll);
      let pen = 0;
      for (let i = 0; i < p; i++) {
        pen += theta[i] * theta[i];
        grad[i] = -gll[i] / n + 2 * penalty * theta[i];
      }
      const f = -v / n + penalty * pen;
      return Number.isFinite(f) ? f : Number.POSITIVE_INFINITY;
    };
  };
  const objective = objectiveOf(ll);
  const lower = new Float64Array(p).fill(-LOG_BOUND);
  const upper = new Float64Array(p).fill(LOG_BOUND);
  const minimize = (
    fn: (theta: Float64Array, grad: Float64Array) => number,
    start: Float64Array,
    initialInverseHessian?: Float64Array,
  ): MinimizeResult =>
    minimizeBfgs(fn, start, {
      lower,
      upper,
      maxIterations: problem.maxIterations,
      gradientTolerance: problem.gradientTolerance,
      initialInverseHessian,
    });
  const isClean = (r: MinimizeResult): boolean => r.converged && boundaryIndices(r.x).length === 0;
  // Two converged runs from different starts that end at the same objective (a boundary both ran
  // to): further starts are not expected to find better.
  const confirmed = (runs: readonly MinimizeResult[]): boolean => {
    const done = runs.filter((r) => r.converged && Number.isFinite(r.f));
    for (let i = 0; i < done.length; i++) {
      for (let j = i + 1; j < done.length; j++)
        if (Math.abs(done[i].f - done[j].f) <= 1e-9 * Math.max(1, Math.abs(done[i].f))) return true;
    }
    return false;
  };

  // Multi-start: rank the starts by their objective, run from the best, and from the next ones only
  // when a run fails to converge or ends at a boundary, until two runs agree (or from all with allStarts).
  const multiStart = (
    fn: (theta: Float64Array, grad: Float64Array) => number,
    starts: readonly Float64Array[],
    previous: readonly MinimizeResult[] = [],
  ): MinimizeResult[] => {
    const scratch = new Float64Array(p);
    const ranked = starts
      .map((s) => ({ s, f: rankValue(fn(s, scratch)) }))
      .sort((u, v) => (u.f === v.f ? 0 : u.f < v.f ? -1 : 1));
    const runs: MinimizeResult[] = [...previous];
    for (let i = 0; i < ranked.length; i++) {
      if (runs.length > 0 && !problem.allStarts && (runs.some(isClean) || confirmed(runs))) break;
      if (!Number.isFinite(ranked[i].f) && runs.length > 0) break;
      runs.push(minimize(fn, ranked[i].s));
    }
    return runs;
  };

  let runs: MinimizeResult[] = [];
  const warmStartGroups = problem.warmStartGroups ?? WARM_START_GROUPS;
  if (!(warmStartGroups >= 1))
    throw new RegularsError('INVALID_ARGUMENT', `warmStartGroups must be a number >= 1 (got ${warmStartGroups})`);
  if (ll.subsample && ll.nGroups > 2 * warmStartGroups) {
    // Large data: the multi-start search runs on a subsample (the optimum moves by about its
    // sampling error, a few standard errors of the full fit), then BFGS continues on all the data
    // from there with the subsample's inverse Hessian, so the full data see only a handful of
    // Newton-like steps. The full-data run has the final word; the usual starts back it up.
    const sub = ll.subsample(warmStartGroups);
    const subObjective = objectiveOf(sub);
    const subBest = pickBest(multiStart(subObjective, problem.starts));
    if (Number.isFinite(subBest.f)) {
      let h0: Float64Array | undefined;
      const free = subBest.atBound.every((b) => b === 0);
      if (free) h0 = invertSpd(numericHessian(subObjective, subBest.x, 1e-5, subBest.gradient), p) ?? undefined;
      runs.push(minimize(objective, subBest.x, h0));
    }
    if (!runs.some(isClean)) runs = multiStart(objective, problem.starts, runs);
  } else {
    runs = multiStart(objective, problem.starts);
  }
  const best = pickBest(runs);

  const warnings: string[] = [];
  if (!Number.isFinite(best.f)) {
    warnings.push('the likelihood could not be evaluated at any starting point; the parameters are the first start');
  } else if (!best.converged) {
    warnings.push(
      `the optimiser did not converge (${best.message} after ${best.iterations} iterations, gradient norm ${best.gradientNorm.toExponential(2)}); treat the parameters as approximate`,
    );
  }
  const atBoundary = boundaryIndices(best.x);
  for (const i of atBoundary) warnings.push(problem.describeBoundary(i, best.x[i] < 0 ? -1 : 1));

  let pen = 0;
  for (let i = 0; i < p; i++) pen += best.x[i] * best.x[i];
  const logLikelihood = Number.isFinite(best.f) ? -N * (best.f - penalty * pen) : Number.NEGATIVE_INFINITY;

  const logStandardErrors: (number | null)[] = new Array<number | null>(p).fill(null);
  if (problem.standardErrors && Number.isFinite(best.f)) {
    // Observed information of the total penalised objective, N * objective, on the parameters not
    // at a boundary (there the likelihood is flat and the information is zero). Forward
    // differences of the analytic gradient from the gradient already known at the optimum.
    const free: number[] = [];
    for (let i = 0; i < p; i++) if (!atBoundary.includes(i)) free.push(i);
    if (free.length > 0) {
      const fixed = Float64Array.from(best.x);
      const gFull = new Float64Array(p);
      const sub = (t: Float64Array, g: Float64Array): number => {
        const full = Float64Array.from(fixed);
        for (let k = 0; k < free.length; k++) full[free[k]] = t[k];
        const f = objective(full, gFull);
        for (let k = 0; k < free.length; k++) g[k] = N * gFull[free[k]];
        return N * f;
      };
      const g0 = Float64Array.from(free, (i) => N * best.gradient[i]);
      const H = numericHessian(
        sub,
        Float64Array.from(free, (i) => best.x[i]),
        1e-5,
        g0,
      );
      const cov = invertSpd(H, free.length);
      if (cov) {
        for (let k = 0; k < free.length; k++) {
          const se = Math.sqrt(cov[k * free.length + k]);
          logStandardErrors[free[k]] = se;
          // One standard error spanning more than a factor of 10 either way: the data barely inform it.
          if (se > Math.LN10)
            warnings.push(
              `${names[free[k]]} is poorly identified by these data (one standard error spans a factor of ${Math.exp(se).toPrecision(3)}); treat it with care`,
            );
        }
      } else if (atBoundary.length === 0) {
        warnings.push(
          'the Hessian is not positive definite at the estimate (a flat or saddle likelihood): standard errors are unavailable',
        );
      }
    }
  }
  return {
    theta: best.x,
    logLikelihood,
    converged: best.converged,
    iterations: best.iterations,
    gradientNorm: best.gradientNorm,
    logStandardErrors,
    warnings,
    startsTried: runs.length,
    evaluations,
  };
}

function rankValue(f: number): number {
  return Number.isNaN(f) ? Number.POSITIVE_INFINITY : f;
}

/** The run with the lowest objective; between equals (to 1e-12), a converged one. */
function pickBest(runs: readonly MinimizeResult[]): MinimizeResult {
  let best = runs[0];
  for (const r of runs) {
    const tol = 1e-12 * Math.max(1, Math.abs(best.f));
    if (r.f < best.f - tol || (Math.abs(r.f - best.f) <= tol && r.converged && !best.converged)) best = r;
  }
  return best;
}

function boundaryIndices(theta: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < theta.length; i++) if (Math.abs(theta[i]) >= BOUNDARY_LOG) out.push(i);
  return out;
}

/** Natural-scale standard error by the delta method: se(theta) = theta * se(ln theta). */
export function naturalStandardError(value: number, logSe: number | null): number | null {
  if (logSe === null || !Number.isFinite(logSe)) return null;
  return value * logSe;
}

/** Grid of starting points: every combination of the given per-parameter values (natural scale, then logged). */
export function startGrid(values: readonly (readonly number[])[]): Float64Array[] {
  let out: number[][] = [[]];
  for (const vs of values) out = out.flatMap((prefix) => vs.map((v) => [...prefix, Math.log(v)]));
  return out.map((s) => Float64Array.from(s));
}
