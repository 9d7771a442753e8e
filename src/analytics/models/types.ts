/**
 * Shapes shared by every model: the inputs (per-customer summaries as typed arrays), the fit
 * options and the fit result. See index.ts for the conventions.
 */

export type ModelName = 'bgnbd' | 'mbgnbd' | 'pareto-nbd' | 'bgbb' | 'gamma-gamma';

/**
 * Continuous-time histories (BG/NBD, MBG/NBD, Pareto/NBD), one entry per customer (or per group):
 * x repeat purchases, tx the time of the last purchase and T the end of observation, both measured
 * from the first purchase in one time unit (weeks, days: the parameter alpha/beta come out in it).
 * Customers with x = 0 have tx = 0. weights (default 1) count customers sharing a history.
 */
export interface CountHistories {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weights?: Float64Array;
}

/**
 * Discrete-time histories (BG/BB): x transactions in n opportunities after the first, the last one
 * at opportunity tx (0 when x = 0), weights = number of customers with that history.
 */
export interface DiscreteHistories {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly n: Float64Array;
  readonly weights?: Float64Array;
}

/** Spend histories (Gamma-Gamma): x repeat purchases and their mean value (monetary). */
export interface SpendHistories {
  readonly x: Float64Array;
  readonly monetary: Float64Array;
  readonly weights?: Float64Array;
}

export interface FitOptions<P> {
  /**
   * L2 penalty lambda >= 0 (default 0). The fit minimises
   *   -LL / N + lambda * sum_k (ln theta_k)^2
   * over the log-parameters, N the number of customers. Penalising log-parameters shrinks towards 1
   * and keeps boundary fits (a -> 0) finite; dividing LL by N makes lambda mean the same for 2,000
   * or 2,000,000 customers (as lifetimes' penalizer_coef does, though lifetimes penalises the
   * parameters themselves). Scale parameters (alpha, beta of the count models, gamma of
   * Gamma-Gamma) enter the penalty measured in units of the data's mean T (mean spend), so the
   * penalty does not depend on whether time is in days or weeks.
   */
  readonly penalty?: number;
  /** Starting points on the natural scale; default: a model-specific set scaled to the data. */
  readonly starts?: readonly P[];
  /** Run the optimiser from every start and keep the best (default: from the best-scoring start, then the others only if it fails to converge or ends at a boundary). */
  readonly allStarts?: boolean;
  /** BFGS iterations per start (default 200). */
  readonly maxIterations?: number;
  /** Convergence: infinity norm of the gradient of the objective above (per customer) (default 1e-9). */
  readonly gradientTolerance?: number;
  /** Compute standard errors (default true; costs 2 x parameters gradient evaluations). */
  readonly standardErrors?: boolean;
  /**
   * Size of the subsample (distinct histories) the multi-start search runs on before BFGS finishes
   * on all the data, used when the data have more than twice as many (default 50,000, see mle.ts).
   * Smaller is faster on data of tens of thousands of histories, where each full evaluation is
   * costly (Pareto/NBD's 2F1 terms): `regulars analyze` uses 5,000.
   */
  readonly warmStartGroups?: number;
}

/** Standard error of each parameter on its natural scale, null when not available (at a boundary, or a singular Hessian). */
export type StandardErrors<P> = { readonly [K in keyof P]: number | null };

export interface FitResult<P> {
  readonly model: ModelName;
  readonly params: P;
  /** Unpenalised log-likelihood of the data at params (sum over customers, weights applied). */
  readonly logLikelihood: number;
  readonly converged: boolean;
  /** BFGS iterations of the start that won. */
  readonly iterations: number;
  /** Euclidean norm of the projected gradient of the (per-customer, penalised) objective at the end. */
  readonly gradientNorm: number;
  readonly standardErrors: StandardErrors<P>;
  /** Why the result needs care: boundaries hit, no convergence, ignored customers. Empty when all is well. */
  readonly warnings: string[];
  /** Customers used (sum of weights). */
  readonly nObservations: number;
  /** Distinct histories the likelihood was evaluated on. */
  readonly nGroups: number;
  /** Starting points the optimiser ran from. */
  readonly startsTried: number;
  /** Likelihood-and-gradient evaluations, all starts and the Hessian included. */
  readonly evaluations: number;
  readonly penalty: number;
}

/**
 * Cumulative expected repeat purchases of every customer between the end of observation and
 * horizon t (in the model's time unit), written into out; built once per (params, customers) so
 * that repeated horizons (CLV's monthly steps) reuse P(alive) and per-history terms.
 */
export type PurchaseForecast = (t: number, out: Float64Array) => void;
