/**
 * Child process of `npm run bench:models`, run under /usr/bin/time for wall time and peak memory:
 * a CDNOW-style transaction log -> per-customer summary (weeks, to the last order's day) -> BG/NBD
 * -> Gamma-Gamma -> 12-month CLV of every customer, end to end. Prints one JSON line with the
 * time of each phase.
 */
import { groupOrdersByCustomer } from '../src/analytics/customer-orders.js';
import {
  bgNbdForecast,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  WEEKS_PER_MONTH,
} from '../src/analytics/models/index.js';
import { summarizeCustomers } from '../src/analytics/summary.js';
import { readOrderFile } from '../src/analytics/ingest/order-file.reader.js';

const started = performance.now();
let last = started;
const lap = (): number => {
  const now = performance.now();
  const ms = Math.round(now - last);
  last = now;
  return ms;
};

const read = await readOrderFile(process.argv[2], { format: 'cdnow', contacts: false });
const readMs = lap();
let lastDay = 0;
for (let o = 0; o < read.log.orderCount; o++) if (read.log.orderDay[o] > lastDay) lastDay = read.log.orderDay[o];
const summary = summarizeCustomers(read.log, groupOrdersByCustomer(read.log), {
  calibrationEndDay: lastDay,
  timeUnit: 'week',
});
const summaryMs = lap();

const all = { x: summary.frequency, tx: summary.recency, T: summary.T };
// Customers first seen on the last day (T = 0) tell the fit nothing; they are still predicted.
const keep: number[] = [];
for (let i = 0; i < all.T.length; i++) if (all.T[i] > 0) keep.push(i);
const observed = (from: Float64Array) => (keep.length === from.length ? from : Float64Array.from(keep, (i) => from[i]));
const fit = fitBgNbd({ x: observed(all.x), tx: observed(all.tx), T: observed(all.T) });
const bgNbdMs = lap();

// Gamma-Gamma leaves out customers without repeat purchases itself.
const spendFit = fitGammaGamma({ x: summary.frequency, monetary: summary.monetaryValue });
const spend = gammaGammaExpectedSpend(spendFit.params, summary.frequency, summary.monetaryValue);
const clv = customerLifetimeValue(bgNbdForecast(fit.params, all), spend, {
  months: 12,
  monthlyDiscountRate: 0.01,
  timeUnitsPerMonth: WEEKS_PER_MONTH,
});
const clvMs = lap();

let totalClv = 0;
for (const v of clv) totalClv += v;
process.stdout.write(
  `${JSON.stringify({
    rows: read.rowsRead,
    customers: all.x.length,
    readMs,
    summaryMs,
    bgNbdMs,
    gammaGammaAndClvMs: clvMs,
    totalMs: Math.round(performance.now() - started),
    bgNbd: fit.params,
    gammaGamma: spendFit.params,
    totalClv: Math.round(totalClv),
  })}\n`,
);
