/**
 * Simulators that draw customers from each model's own generative story, for parameter-recovery
 * tests and benchmarks. Randomness comes from a seeded Rng (pure code stays replayable).
 */
import { RegularsError } from '../../platform/errors.js';
import { randomBeta, randomExponential, randomGamma, type Rng } from '../../platform/random.js';
import type { BgBbParams } from './bg-bb.js';
import type { BgNbdParams } from './bg-nbd.js';
import type { GammaGammaParams } from './gamma-gamma.js';
import type { MbgNbdParams } from './mbg-nbd.js';
import type { ParetoNbdParams } from './pareto-nbd.js';

export interface SimulatedCounts {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
}

export interface SimulateOptions {
  /**
   * Record times on a grid of this step (e.g. 1/7 for days when time is in weeks), as a summary of
   * a daily order log would: purchase times are floored to the grid and purchases that fall on an
   * already recorded grid point (the first purchase's included) count once. T is floored too.
   * Default: exact continuous times (the model's own likelihood applies exactly).
   */
  readonly timeStep?: number;
}

function observationEnds(T: number | Float64Array, nCustomers: number): (i: number) => number {
  if (typeof T === 'number') {
    if (!(T > 0) || !Number.isFinite(T))
      throw new RegularsError('INVALID_ARGUMENT', `T must be a positive number (got ${T})`);
    return () => T;
  }
  if (T.length !== nCustomers)
    throw new RegularsError('INVALID_ARGUMENT', `T must be a number or have one entry per customer (${nCustomers})`);
  return (i) => T[i];
}

/**
 * Shared engine of the three continuous-time models: `nextEvent` returns the time of the next
 * purchase after `now` or Infinity once the customer has dropped out.
 */
function simulateCounts(
  nCustomers: number,
  T: number | Float64Array,
  options: SimulateOptions,
  drawCustomer: () => (now: number) => number,
): SimulatedCounts {
  const endOf = observationEnds(T, nCustomers);
  const step = options.timeStep;
  if (step !== undefined && !(step > 0))
    throw new RegularsError('INVALID_ARGUMENT', `timeStep must be positive (got ${step})`);
  const x = new Float64Array(nCustomers);
  const tx = new Float64Array(nCustomers);
  const Ts = new Float64Array(nCustomers);
  for (let i = 0; i < nCustomers; i++) {
    let end = endOf(i);
    if (step !== undefined) end = Math.floor(end / step + 1e-9) * step;
    Ts[i] = end;
    const next = drawCustomer();
    let now = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      now = next(now);
      if (!(now <= end)) break;
      if (step === undefined) {
        count++;
        last = now;
      } else {
        const slot = Math.floor(now / step + 1e-9) * step;
        if (slot > last) {
          count++;
          last = slot;
        }
      }
    }
    x[i] = count;
    tx[i] = count > 0 ? last : 0;
  }
  return { x, tx, T: Ts };
}

/**
 * BG/NBD customers (Fader, Hardie & Lee 2005, section 2): lambda ~ Gamma(r, scale 1/alpha),
 * p ~ Beta(a, b); purchases at Poisson rate lambda, dropout with probability p after each purchase.
 * T is the observation length after the first purchase (one for all, or one per customer).
 */
export function simulateBgNbd(
  params: BgNbdParams,
  nCustomers: number,
  T: number | Float64Array,
  rng: Rng,
  options: SimulateOptions = {},
): SimulatedCounts {
  return simulateCounts(nCustomers, T, options, () => {
    const lambda = randomGamma(rng, params.r, 1 / params.alpha);
    const p = randomBeta(rng, params.a, params.b);
    let dead = false;
    return (now) => {
      if (dead) return Number.POSITIVE_INFINITY;
      const t = now + randomExponential(rng, lambda);
      // The dropout coin is tossed right after this purchase (it counts if it falls before T).
      if (rng.next() < p) dead = true;
      return t;
    };
  });
}

/**
 * MBG/NBD customers (Batislam, Denizel & Filiztekin 2007): as BG/NBD, but the dropout coin is also
 * tossed at time 0, right after the first purchase.
 */
export function simulateMbgNbd(
  params: MbgNbdParams,
  nCustomers: number,
  T: number | Float64Array,
  rng: Rng,
  options: SimulateOptions = {},
): SimulatedCounts {
  return simulateCounts(nCustomers, T, options, () => {
    const lambda = randomGamma(rng, params.r, 1 / params.alpha);
    const p = randomBeta(rng, params.a, params.b);
    let dead = rng.next() < p;
    return (now) => {
      if (dead) return Number.POSITIVE_INFINITY;
      const t = now + randomExponential(rng, lambda);
      if (rng.next() < p) dead = true;
      return t;
    };
  });
}

/**
 * Pareto/NBD customers (Schmittlein, Morrison & Colombo 1987): lambda ~ Gamma(r, scale 1/alpha),
 * lifetime ~ Exponential(mu), mu ~ Gamma(s, scale 1/beta); purchases at rate lambda during the lifetime.
 */
export function simulateParetoNbd(
  params: ParetoNbdParams,
  nCustomers: number,
  T: number | Float64Array,
  rng: Rng,
  options: SimulateOptions = {},
): SimulatedCounts {
  return simulateCounts(nCustomers, T, options, () => {
    const lambda = randomGamma(rng, params.r, 1 / params.alpha);
    const mu = randomGamma(rng, params.s, 1 / params.beta);
    const lifetime = randomExponential(rng, mu);
    return (now) => {
      const t = now + randomExponential(rng, lambda);
      return t <= lifetime ? t : Number.POSITIVE_INFINITY;
    };
  });
}

/**
 * BG/BB customers (Fader, Hardie & Shang 2010, section 2): p ~ Beta(alpha, beta) the transaction
 * probability, theta ~ Beta(gamma, delta) the dropout probability; at each of the n opportunities
 * an alive customer first drops out with probability theta, else transacts with probability p.
 */
export function simulateBgBb(
  params: BgBbParams,
  nCustomers: number,
  n: number,
  rng: Rng,
): { x: Float64Array; tx: Float64Array; n: Float64Array } {
  if (!(n >= 1) || !Number.isInteger(n))
    throw new RegularsError('INVALID_ARGUMENT', `n must be a whole number >= 1 (got ${n})`);
  const x = new Float64Array(nCustomers);
  const tx = new Float64Array(nCustomers);
  for (let i = 0; i < nCustomers; i++) {
    const p = randomBeta(rng, params.alpha, params.beta);
    const theta = randomBeta(rng, params.gamma, params.delta);
    for (let k = 1; k <= n; k++) {
      if (rng.next() < theta) break;
      if (rng.next() < p) {
        x[i]++;
        tx[i] = k;
      }
    }
  }
  return { x, tx, n: new Float64Array(nCustomers).fill(n) };
}

/**
 * Gamma-Gamma spend (Fader, Hardie & Lee 2005b, "RFM and CLV: Using Iso-Value Curves", and Fader &
 * Hardie's 2013 note "The Gamma-Gamma Model of Monetary Value"): each customer's mean spend
 * parameter nu ~ Gamma(q, rate gamma), each purchase ~ Gamma(p, rate nu); returns the mean of the
 * x[i] purchases (Gamma(p x, rate x nu)), 0 where x[i] = 0.
 */
export function simulateGammaGamma(params: GammaGammaParams, x: Float64Array, rng: Rng): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0)) continue;
    const nu = randomGamma(rng, params.q, 1 / params.gamma);
    out[i] = randomGamma(rng, params.p * x[i], 1 / (x[i] * nu));
  }
  return out;
}
