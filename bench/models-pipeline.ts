/**
 * Child process of `npm run bench:models` (measured under /usr/bin/time for peak memory): a
 * transaction log -> per-customer summary -> BG/NBD -> Gamma-Gamma -> 12-month CLV, end to end.
 * Prints one JSON line with the phase times.
 */
import { groupOrdersByCustomer } from '../src/domain/analytics/customer-orders.js';
import { bgNbdForecast, customerLifetimeValue, fitBgNbd, fitGammaGamma, gammaGammaExpectedSpend, WEEKS_PER_MONTH } from '../src/domain/analytics/models/index.js';
import { summarizeCustomers } from '../src/domain/analytics/summary.js';
import { readOrderFile } from '../src/ingest/read-orders.js';

const started = performance.now();
const lap = (() => {
  let last = started;
  return () => {
    const now = performance.now();
    const ms = now - last;
    last = now;
    return Math.round(ms);
  };
})();

const read = await readOrderFile(process.argv[2], { format: 'cdnow', contacts: false });
const readMs = lap();
let lastDay = 0;
for (let o = 0; o < read.log.orderCount; o++) if (read.log.orderDay[o] > lastDay) lastDay = read.log.orderDay[o];
const summary = summarizeCustomers(read.log, groupOrdersByCustomer(read.log), { calibrationEndDay: lastDay, timeUnit: 'week' });
const summaryMs = lap();
const h = { x: summary.frequency, tx: summary.recency, T: summary.T };
const fit = fitBgNbd(h);
const bgNbdMs = lap();
const repeaters: number[] = [];
for (let i = 0; i < h.x.length; i++) if (h.x[i] > 0 && summary.monetaryValue[i] > 0) repeaters.push(i);
const spendFit = fitGammaGamma({ x: Float64Array.from(repeaters, (i) => h.x[i]), monetary: Float64Array.from(repeaters, (i) => summary.monetaryValue[i]) });
const spend = gammaGammaExpectedSpend(spendFit.params, h.x, summary.monetaryValue);
const clv = customerLifetimeValue(bgNbdForecast(fit.params, h), spend, { months: 12, monthlyDiscountRate: 0.01, timeUnitsPerMonth: WEEKS_PER_MONTH });
const clvMs = lap();
let total = 0;
for (const v of clv) total += v;
process.stdout.write(
  `${JSON.stringify({ rows: read.rowsRead, customers: h.x.length, readMs, summaryMs, bgNbdMs, gammaGammaAndClvMs: clvMs, totalMs: Math.round(performance.now() - started), params: fit.params, totalClv: Math.round(total) })}\n`,
);
