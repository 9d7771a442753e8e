/**
 * Customer lifetime value over a finite horizon, in monthly steps, from any count model's forecast
 * and a per-customer expected spend (Gamma-Gamma), as lifetimes' customer_lifetime_value does:
 *
 *   CLV_i = sum_{m=1}^{H} (E_i(m) - E_i(m - 1)) * spend_i / (1 + d)^m,
 *
 * E_i(m) the expected repeat purchases between the end of observation and month m (month m ends at
 * t = m * timeUnitsPerMonth model time units), spend_i the expected value of one purchase and d the
 * monthly discount rate; purchases in month m are discounted as if they fell at the month's end.
 * lifetimes uses 4.345 weeks or 30 days per month; WEEKS_PER_MONTH and DAYS_PER_MONTH below are the
 * calendar averages (the difference is under 0.1%).
 */
import { RegularsError } from '../../platform/errors.js';
import type { PurchaseForecast } from './types.js';

/** Average calendar month in weeks (365.25 / 12 / 7). */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;
/** Average calendar month in days (365.25 / 12). */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface ClvOptions {
  /** Horizon H in months (a whole number >= 1). */
  readonly months: number;
  /** Discount rate per month d >= 0 (e.g. 0.01; an annual 12.7% is about 0.01 monthly). */
  readonly monthlyDiscountRate: number;
  /** Length of one month in the model's time unit: WEEKS_PER_MONTH when time is in weeks. */
  readonly timeUnitsPerMonth: number;
}

/** CLV of every customer (see the module comment); spend has one entry per customer. */
export function customerLifetimeValue(
  forecast: PurchaseForecast,
  spend: Float64Array,
  options: ClvOptions,
): Float64Array {
  const { months, monthlyDiscountRate: d, timeUnitsPerMonth } = options;
  if (!(months >= 1) || !Number.isInteger(months))
    throw new RegularsError('INVALID_ARGUMENT', `months must be a whole number >= 1 (got ${months})`);
  if (!(d >= 0) || !Number.isFinite(d))
    throw new RegularsError('INVALID_ARGUMENT', `the monthly discount rate must be a number >= 0 (got ${d})`);
  if (!(timeUnitsPerMonth > 0) || !Number.isFinite(timeUnitsPerMonth))
    throw new RegularsError('INVALID_ARGUMENT', `timeUnitsPerMonth must be positive (got ${timeUnitsPerMonth})`);
  const n = spend.length;
  const clv = new Float64Array(n);
  let previous = new Float64Array(n); // E(0) = 0
  let current = new Float64Array(n);
  for (let m = 1; m <= months; m++) {
    forecast(m * timeUnitsPerMonth, current);
    const discount = 1 / (1 + d) ** m;
    for (let i = 0; i < n; i++) clv[i] += (current[i] - previous[i]) * discount;
    [previous, current] = [current, previous];
  }
  for (let i = 0; i < n; i++) clv[i] *= spend[i];
  return clv;
}
