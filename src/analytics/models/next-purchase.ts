import type { PurchaseForecast } from './types.js';

/**
 * When each customer's next order is expected: the time t after the end of her history at which
 * the expected number of purchases in (T, T + t] reaches 1, E[X(t) | x, t_x, T] = 1, from the
 * fitted model's conditional expectation (docs/models.md). It accounts for both the customer's
 * rate and the chance that she has left: a customer the model thinks gone may never reach 1
 * expected purchase, and gets NaN (no next order expected). E[X(t)] grows with t, so the crossing
 * is found on a geometric grid of 4 points per doubling up to maxTime, then interpolated linearly.
 */
export function timeToNextExpectedPurchase(forecast: PurchaseForecast, n: number, maxTime: number): Float64Array {
  const STEPS_PER_DOUBLING = 4;
  const DOUBLINGS = 20;
  const grid = STEPS_PER_DOUBLING * DOUBLINGS;
  const out = new Float64Array(n).fill(Number.NaN);
  const previous = new Float64Array(n);
  const current = new Float64Array(n);
  let tPrevious = 0;
  let open = n;
  for (let k = 0; k <= grid && open > 0; k++) {
    const t = maxTime * 2 ** ((k - grid) / STEPS_PER_DOUBLING);
    forecast(t, current);
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(out[i]) || !(current[i] >= 1)) continue;
      const e0 = previous[i];
      // Linear between the two grid points that bracket E = 1 (E(0) = 0 before the first).
      out[i] = tPrevious + ((1 - e0) / (current[i] - e0)) * (t - tPrevious);
      open--;
    }
    previous.set(current);
    tPrevious = t;
  }
  return out;
}
