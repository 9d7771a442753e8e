/**
 * Adaptive Gauss-Kronrod (7/15 points, QUADPACK's qk15: Piessens et al. 1983) quadrature of a
 * vector-valued integrand on a finite interval. Used by the Pareto/NBD likelihood when its 2F1
 * series would need too many terms: the likelihood and its gradient are integrals of one smooth
 * integrand times different factors, so one set of nodes serves them all.
 */

// Kronrod nodes (positive half, the last is the centre) and weights; the Gauss 7-point rule uses
// the odd-indexed nodes 1, 3, 5 and the centre.
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
];

/** Writes the integrand's components at t into out. */
export type VectorIntegrand = (t: number, out: Float64Array) => void;

export interface IntegrateOptions {
  /** Relative tolerance on the first component (the others are weighted by the same nodes). */
  readonly relativeTolerance?: number;
  /** Absolute tolerance on the first component. */
  readonly absoluteTolerance?: number;
  /** Maximum number of subintervals. */
  readonly maxIntervals?: number;
}

export interface IntegrateResult {
  /** Whether the error estimate met the tolerance. */
  readonly converged: boolean;
  /** Estimated absolute error of the first component. */
  readonly errorEstimate: number;
  readonly intervals: number;
}

/**
 * Integrates every component of f over [lo, hi] into result (length dim), bisecting the interval
 * with the largest error estimate of component 0 until the total meets the tolerance.
 */
export function integrateAdaptive(
  f: VectorIntegrand,
  dim: number,
  lo: number,
  hi: number,
  result: Float64Array,
  options: IntegrateOptions = {},
): IntegrateResult {
  const relTol = options.relativeTolerance ?? 1e-12;
  const absTol = options.absoluteTolerance ?? 0;
  const maxIntervals = options.maxIntervals ?? 500;
  result.fill(0);
  if (hi === lo) return { converged: true, errorEstimate: 0, intervals: 0 };

  const fx = new Float64Array(dim);
  const f0 = new Float64Array(15); // component 0 at the 15 nodes, for QUADPACK's resasc
  // Each interval: its ends, error estimate of component 0 and the values of all components.
  const intervals: { a: number; b: number; err: number; val: Float64Array }[] = [];
  const rule = (a: number, b: number): { a: number; b: number; err: number; val: Float64Array } => {
    const centre = 0.5 * (a + b);
    const half = 0.5 * (b - a);
    const val = new Float64Array(dim);
    f(centre, fx);
    for (let k = 0; k < dim; k++) val[k] = WGK[7] * fx[k];
    let gauss0 = WG[3] * fx[0];
    f0[14] = fx[0];
    for (let j = 0; j < 7; j++) {
      const dx = half * XGK[j];
      const isGauss = j % 2 === 1;
      f(centre - dx, fx);
      f0[2 * j] = fx[0];
      for (let k = 0; k < dim; k++) val[k] += WGK[j] * fx[k];
      if (isGauss) gauss0 += WG[(j - 1) / 2] * fx[0];
      f(centre + dx, fx);
      f0[2 * j + 1] = fx[0];
      for (let k = 0; k < dim; k++) val[k] += WGK[j] * fx[k];
      if (isGauss) gauss0 += WG[(j - 1) / 2] * fx[0];
    }
    // QUADPACK's qk15 error estimate: |K - G| overstates the error of the Kronrod value by orders
    // of magnitude on smooth integrands, so it is rescaled to resasc * min(1, (200 |K - G| / resasc)^1.5)
    // with resasc the integral of |f - mean f| over the interval.
    const mean = val[0] / 2;
    let resasc = WGK[7] * Math.abs(f0[14] - mean);
    for (let j = 0; j < 7; j++) resasc += WGK[j] * (Math.abs(f0[2 * j] - mean) + Math.abs(f0[2 * j + 1] - mean));
    for (let k = 0; k < dim; k++) val[k] *= half;
    gauss0 *= half;
    resasc *= Math.abs(half);
    const diff = Math.abs(val[0] - gauss0);
    const err = resasc > 0 && diff > 0 ? resasc * Math.min(1, ((200 * diff) / resasc) ** 1.5) : diff;
    return { a, b, err: Math.max(err, 50 * 2.2e-16 * Math.abs(val[0])), val };
  };

  intervals.push(rule(lo, hi));
  let converged = false;
  for (;;) {
    let total = 0;
    let errTotal = 0;
    let worst = 0;
    for (let i = 0; i < intervals.length; i++) {
      total += intervals[i].val[0];
      errTotal += intervals[i].err;
      if (intervals[i].err > intervals[worst].err) worst = i;
    }
    if (errTotal <= Math.max(absTol, relTol * Math.abs(total))) {
      converged = true;
      break;
    }
    if (intervals.length >= maxIntervals || !Number.isFinite(errTotal)) break;
    const w = intervals[worst];
    const mid = 0.5 * (w.a + w.b);
    if (mid <= w.a || mid >= w.b) break; // interval too small to split in floating point
    intervals[worst] = rule(w.a, mid);
    intervals.push(rule(mid, w.b));
  }
  let errorEstimate = 0;
  for (const iv of intervals) {
    errorEstimate += iv.err;
    for (let k = 0; k < dim; k++) result[k] += iv.val[k];
  }
  return { converged, errorEstimate, intervals: intervals.length };
}
