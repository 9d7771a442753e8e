/**
 * BFGS quasi-Newton minimisation with a strong-Wolfe line search (Nocedal & Wright, "Numerical
 * Optimization", 2nd ed.: Algorithm 6.1 for the update, Algorithms 3.5 and 3.6 for the line search,
 * eq. 6.20 for the initial inverse-Hessian scaling), inside a box.
 *
 * The models have 3 or 4 parameters, so a dense inverse-Hessian approximation costs nothing next to
 * one pass over the data; what matters is few objective evaluations, hence BFGS (superlinear, step 1
 * accepted near the optimum) and a line search that returns the gradient it already computed.
 *
 * The box keeps log-parameters finite when the likelihood keeps rising towards an edge of the
 * parameter space (BG/NBD's a -> 0 when nobody seems to drop out): a coordinate that reaches its
 * bound while the gradient pushes outwards is held there (an active set) and the search goes on in
 * the others, so such fits end cleanly and the caller can report the boundary.
 */

/** Objective: returns f(x) and writes its gradient into grad. May return a non-finite value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Maximum BFGS iterations (default 200). */
  readonly maxIterations?: number;
  /** Converged when the infinity norm of the projected gradient is at most this (default 1e-9). */
  readonly gradientTolerance?: number;
  /**
   * Also converged when the decrease predicted by the quasi-Newton model, g'Hg / 2, is at most this
   * times max(1, |f|) (default 1e-13), i.e. near the resolution of f in double precision.
   */
  readonly functionTolerance?: number;
  /**
   * Initial inverse-Hessian approximation (row-major n x n, symmetric positive definite), e.g. from
   * a fit on a subsample; default: the identity, rescaled after the first step.
   */
  readonly initialInverseHessian?: Float64Array;
  /** Largest change of any coordinate in one step (default 3: the models work on log-parameters). */
  readonly maxStep?: number;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** Euclidean norm of the projected gradient (zero on coordinates held at a bound). */
  readonly gradientNorm: number;
  /** Per coordinate: -1 held at the lower bound, 1 at the upper bound, 0 free. */
  readonly atBound: Int8Array;
  readonly message: string;
}

const C1 = 1e-4;
const C2 = 0.9;

interface Trial {
  alpha: number;
  f: number;
  /** Directional derivative g(x + alpha d) . d */
  dphi: number;
  g: Float64Array;
}

export function minimizeBfgs(fn: Objective, x0: Float64Array, options: MinimizeOptions): MinimizeResult {
  const n = x0.length;
  const { lower, upper } = options;
  const maxIterations = options.maxIterations ?? 200;
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxStep = options.maxStep ?? 3;
  const ftol = options.functionTolerance ?? 1e-13;

  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x0[i]));
  let g: Float64Array = new Float64Array(n);
  let evaluations = 1;
  let f = fn(x, g);
  if (!Number.isFinite(f) || !allFinite(g)) {
    return result(x, f, g, 0, evaluations, false, 'objective not finite at the starting point');
  }

  const H = identity(n);
  let hIsIdentity = true;
  if (options.initialInverseHessian) {
    H.set(options.initialInverseHessian);
    hIsIdentity = false;
  }
  const active = new Int8Array(n);
  const prevActive = new Int8Array(n);
  const d = new Float64Array(n);
  const xTrial = new Float64Array(n);
  let stalls = 0;

  function updateActive(): boolean {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let a = 0;
      if (x[i] <= lower[i] && g[i] > 0) a = -1;
      else if (x[i] >= upper[i] && g[i] < 0) a = 1;
      if (a !== prevActive[i]) changed = true;
      active[i] = a;
      prevActive[i] = a;
    }
    return changed;
  }

  function projectedNormInf(): number {
    let m = 0;
    for (let i = 0; i < n; i++) if (active[i] === 0) m = Math.max(m, Math.abs(g[i]));
    return m;
  }

  // The line search evaluates x + alpha d; the trial records the gradient so nothing is recomputed.
  function evaluate(alpha: number): Trial {
    for (let i = 0; i < n; i++) xTrial[i] = x[i] + alpha * d[i];
    snapToBox(xTrial);
    const gt = new Float64Array(n);
    evaluations++;
    const ft = fn(xTrial, gt);
    let dphi = 0;
    for (let i = 0; i < n; i++) dphi += gt[i] * d[i];
    const finite = Number.isFinite(ft) && Number.isFinite(dphi);
    return { alpha, f: finite ? ft : Number.POSITIVE_INFINITY, dphi: finite ? dphi : Number.NaN, g: gt };
  }

  // Clamps to the box, snapping values within rounding of a bound onto it so that the active-set
  // test (x at its bound) sees them.
  function snapToBox(v: Float64Array): void {
    for (let i = 0; i < n; i++) {
      const tol = 1e-10 * Math.max(1, Math.abs(v[i]));
      if (v[i] <= lower[i] + tol) v[i] = lower[i];
      else if (v[i] >= upper[i] - tol) v[i] = upper[i];
    }
  }

  let iterations = 0;
  updateActive();
  for (; iterations < maxIterations;) {
    if (projectedNormInf() <= gtol) return result(x, f, g, iterations, evaluations, true, 'gradient below tolerance');

    // Search direction d = -H g on the free coordinates.
    let dphi0 = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      if (active[i] === 0) for (let j = 0; j < n; j++) if (active[j] === 0) s -= H[i * n + j] * g[j];
      d[i] = s;
      dphi0 += s * g[i];
    }
    if (!(dphi0 < 0)) {
      // Not a descent direction (the approximation lost positive definiteness): restart from -g.
      resetIdentity(H, n);
      hIsIdentity = true;
      dphi0 = 0;
      for (let i = 0; i < n; i++) {
        d[i] = active[i] === 0 ? -g[i] : 0;
        dphi0 += d[i] * g[i];
      }
      if (!(dphi0 < 0)) return result(x, f, g, iterations, evaluations, true, 'no descent direction');
    }
    // -dphi0 = g'Hg estimates twice the remaining decrease f - f* once H carries curvature. When
    // that is below the resolution of f, further steps only chase rounding noise (their Armijo
    // tests fail at random), so stop: the parameters are then within sqrt(2 ftol |f| / curvature).
    if (!hIsIdentity && -dphi0 <= 2 * ftol * Math.max(1, Math.abs(f)) && projectedNormInf() <= 1e-5) {
      return result(x, f, g, iterations, evaluations, true, 'predicted decrease below tolerance');
    }

    // Longest step inside the box, and a cap on the first trial step.
    let alphaMax = Number.POSITIVE_INFINITY;
    let dInf = 0;
    for (let i = 0; i < n; i++) {
      if (d[i] > 0) alphaMax = Math.min(alphaMax, (upper[i] - x[i]) / d[i]);
      else if (d[i] < 0) alphaMax = Math.min(alphaMax, (lower[i] - x[i]) / d[i]);
      dInf = Math.max(dInf, Math.abs(d[i]));
    }
    const alphaInit = Math.min(1, maxStep / dInf, alphaMax);
    const trial = lineSearch(evaluate, f, dphi0, alphaInit, alphaMax);
    iterations++;

    if (trial === null || !(trial.f < f)) {
      if (!hIsIdentity) {
        // A poor quasi-Newton model: retry along the steepest descent before giving up.
        resetIdentity(H, n);
        hIsIdentity = true;
        continue;
      }
      const pg = projectedNormInf();
      return result(x, f, g, iterations, evaluations, pg <= 1e3 * gtol, 'line search made no progress');
    }

    // Accept the step; BFGS update with s = x_new - x, y = g_new - g (skipped when s'y is not positive).
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) xTrial[i] = x[i] + trial.alpha * d[i];
    snapToBox(xTrial);
    for (let i = 0; i < n; i++) {
      s[i] = xTrial[i] - x[i];
      x[i] = xTrial[i];
      y[i] = trial.g[i] - g[i];
    }
    const fOld = f;
    f = trial.f;
    g = trial.g;
    const activeChanged = updateActive();
    if (Math.abs(fOld - f) <= 1e-15 * Math.max(1, Math.abs(f))) stalls++;
    else stalls = 0;
    if (stalls >= 5) {
      const pg = projectedNormInf();
      return result(x, f, g, iterations, evaluations, pg <= 1e3 * gtol, 'objective stopped decreasing');
    }

    if (activeChanged) {
      resetIdentity(H, n);
      hIsIdentity = true;
      continue;
    }
    let sy = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      sy += s[i] * y[i];
      yy += y[i] * y[i];
      ss += s[i] * s[i];
    }
    if (sy > 1e-12 * Math.sqrt(ss * yy)) {
      if (hIsIdentity) {
        // Nocedal & Wright eq. 6.20: scale the identity to the curvature just observed.
        const scale = sy / yy;
        for (let i = 0; i < n; i++) H[i * n + i] = scale;
        hIsIdentity = false;
      }
      bfgsUpdate(H, n, s, y, 1 / sy);
    }
  }
  const pg = projectedNormInf();
  return result(x, f, g, iterations, evaluations, pg <= gtol, 'iteration limit reached');

  function result(
    xr: Float64Array,
    fr: number,
    gr: Float64Array,
    it: number,
    ev: number,
    converged: boolean,
    message: string,
  ): MinimizeResult {
    let norm = 0;
    const atBound = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      if (xr[i] <= lower[i] && gr[i] > 0) atBound[i] = -1;
      else if (xr[i] >= upper[i] && gr[i] < 0) atBound[i] = 1;
      if (atBound[i] === 0) norm += gr[i] * gr[i];
    }
    return {
      x: Float64Array.from(xr),
      f: fr,
      gradient: Float64Array.from(gr),
      iterations: it,
      evaluations: ev,
      converged,
      gradientNorm: Math.sqrt(norm),
      atBound,
      message,
    };
  }
}

/**
 * Strong-Wolfe line search (Nocedal & Wright Algorithm 3.5) on [0, alphaMax]. Non-finite objective
 * values count as "too far" so the search backs off from regions where the likelihood overflows.
 * A step that reaches alphaMax (the box) is accepted once it gives sufficient decrease.
 * Returns null when no acceptable step was found.
 */
function lineSearch(
  evaluate: (alpha: number) => Trial,
  f0: number,
  dphi0: number,
  alphaInit: number,
  alphaMax: number,
): Trial | null {
  let prev: Trial = { alpha: 0, f: f0, dphi: dphi0, g: new Float64Array(0) };
  let alpha = alphaInit;
  let best: Trial | null = null;
  for (let i = 0; i < 20; i++) {
    const t = evaluate(alpha);
    if (t.f < f0 + C1 * t.alpha * dphi0 && (best === null || t.f < best.f)) best = t;
    if (!Number.isFinite(t.f) || t.f > f0 + C1 * alpha * dphi0 || (i > 0 && t.f >= prev.f)) {
      return zoom(evaluate, f0, dphi0, prev, t) ?? best;
    }
    if (Math.abs(t.dphi) <= -C2 * dphi0) return t;
    if (t.dphi >= 0) return zoom(evaluate, f0, dphi0, t, prev) ?? best;
    if (alpha >= alphaMax) return t;
    prev = t;
    alpha = Math.min(alphaMax, alpha * 4);
  }
  return best;
}

/**
 * Nocedal & Wright Algorithm 3.6: lo satisfies sufficient decrease and has the lowest value so far;
 * the minimiser lies between lo and hi. Trial steps by safeguarded cubic interpolation.
 */
function zoom(evaluate: (alpha: number) => Trial, f0: number, dphi0: number, lo: Trial, hi: Trial): Trial | null {
  let best: Trial | null = lo.alpha > 0 ? lo : null;
  for (let i = 0; i < 20; i++) {
    const a = Math.min(lo.alpha, hi.alpha);
    const b = Math.max(lo.alpha, hi.alpha);
    const width = b - a;
    if (width <= 1e-14 * Math.max(1, b)) break;
    let alpha = cubicMinimiser(lo, hi);
    // Keep the trial well inside the bracket so the interval shrinks every time.
    if (!Number.isFinite(alpha) || alpha < a + 0.1 * width || alpha > b - 0.1 * width)
      alpha = 0.5 * (lo.alpha + hi.alpha);
    const t = evaluate(alpha);
    if (!Number.isFinite(t.f) || t.f > f0 + C1 * alpha * dphi0 || t.f >= lo.f) {
      hi = t;
    } else {
      if (best === null || t.f < best.f) best = t;
      if (Math.abs(t.dphi) <= -C2 * dphi0) return t;
      if (t.dphi * (hi.alpha - lo.alpha) >= 0) hi = lo;
      lo = t;
    }
  }
  return best;
}

/** Minimiser of the cubic through two points with values and slopes (N&W eq. 3.59). */
function cubicMinimiser(p: Trial, q: Trial): number {
  if (!Number.isFinite(p.f) || !Number.isFinite(q.f) || !Number.isFinite(p.dphi) || !Number.isFinite(q.dphi))
    return Number.NaN;
  const d1 = p.dphi + q.dphi - (3 * (p.f - q.f)) / (p.alpha - q.alpha);
  const disc = d1 * d1 - p.dphi * q.dphi;
  if (disc < 0) return Number.NaN;
  const d2 = Math.sign(q.alpha - p.alpha) * Math.sqrt(disc);
  return q.alpha - (q.alpha - p.alpha) * ((q.dphi + d2 - d1) / (q.dphi - p.dphi + 2 * d2));
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  resetIdentity(m, n);
  return m;
}

function resetIdentity(m: Float64Array, n: number): void {
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
}

/** H <- (I - rho s y') H (I - rho y s') + rho s s' (Nocedal & Wright eq. 6.17). */
function bfgsUpdate(H: Float64Array, n: number, s: Float64Array, y: Float64Array, rho: number): void {
  const Hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
    Hy[i] = v;
  }
  let yHy = 0;
  for (let i = 0; i < n; i++) yHy += y[i] * Hy[i];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
  }
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
