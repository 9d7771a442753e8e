/**
 * `npm run bench:models`: the models' targets on this 2-core machine.
 *
 * Data: 1,000,000 customers simulated from the published CDNOW BG/NBD parameters (seed 7). Each
 * customer's first purchase falls on a whole day of the first 12 weeks and observation ends at
 * week 39, so T runs from 27 to 39 weeks in steps of a day; purchases fall on a day grid
 * (`timeStep: 1/7`, several on one day count once, as in a real summary). The mean value of each
 * customer's repeat purchases is simulated from the published Gamma-Gamma parameters.
 *  (a) BG/NBD fit of the million customers: < 1 s;
 *  (b) Gamma-Gamma fit + expected spend + 12-month CLV (monthly discount 1%) of all of them: < 1 s;
 *  (c) a 2M-row CDNOW-style log (`id YYYYMMDD quantity value`, written once into bench/out from
 *      the same kind of simulation) -> summary -> BG/NBD -> Gamma-Gamma -> CLV in a fresh process
 *      (bench/models-pipeline.ts under /usr/bin/time): < 4 s and < 1 GB peak memory.
 * (a) and (b) are timed in-process with performance.now(), median of 5 runs, simulation excluded;
 * (c) is the median wall time of 3 runs and the largest peak resident memory.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { dayFromIso, ymdFromDay } from '../src/analytics/day.js';
import {
  bgNbdForecast,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  simulateBgNbd,
  simulateGammaGamma,
  WEEKS_PER_MONTH,
} from '../src/analytics/models/index.js';
import { createRng } from '../src/platform/random.js';
import { measure, median, OUT_DIR, ROOT } from './bench-support.js';

const BG_NBD = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const GAMMA_GAMMA = { p: 6.249349, q: 3.744256, gamma: 15.444307 };
const LOG_ROWS = 2_000_000;

/** n customers as described in the module comment. */
function simulate(n: number, seed: number) {
  const rng = createRng(seed);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) T[i] = 39 - Math.floor(rng.next() * 84) / 7;
  const h = simulateBgNbd(BG_NBD, n, T, rng, { timeStep: 1 / 7 });
  const monetary = simulateGammaGamma(GAMMA_GAMMA, h.x, rng);
  return { h, monetary };
}

function timed<T>(runs: number, run: () => T): { seconds: number; value: T } {
  const times: number[] = [];
  let value = run(); // warm-up, not counted
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    value = run();
    times.push(performance.now() - t);
  }
  return { seconds: median(times) / 1000, value };
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

const simulated = performance.now();
const { h, monetary } = simulate(1_000_000, 7);
console.log(
  `simulated 1,000,000 CDNOW-like customers in ${((performance.now() - simulated) / 1000).toFixed(1)} s (not counted)`,
);

const a = timed(5, () => fitBgNbd(h));
const fit = a.value;
const p = fit.params;
console.log(
  `(a) BG/NBD fit, 1,000,000 customers: ${a.seconds.toFixed(3)} s  [target < 1 s: ${verdict(a.seconds < 1)}]  ` +
    `(${fit.nGroups.toLocaleString('en-US')} distinct histories; r ${p.r.toFixed(4)}, alpha ${p.alpha.toFixed(3)}, a ${p.a.toFixed(3)}, b ${p.b.toFixed(3)})`,
);

const b = timed(5, () => {
  // Gamma-Gamma leaves out the customers without repeat purchases itself.
  const spendFit = fitGammaGamma({ x: h.x, monetary });
  const spend = gammaGammaExpectedSpend(spendFit.params, h.x, monetary);
  return customerLifetimeValue(bgNbdForecast(fit.params, h), spend, {
    months: 12,
    monthlyDiscountRate: 0.01,
    timeUnitsPerMonth: WEEKS_PER_MONTH,
  });
});
let totalClv = 0;
for (const v of b.value) totalClv += v;
console.log(
  `(b) Gamma-Gamma fit + 12-month CLV, 1,000,000 customers: ${b.seconds.toFixed(3)} s  [target < 1 s: ${verdict(b.seconds < 1)}]  (total CLV ${Math.round(totalClv).toLocaleString('en-US')})`,
);

const log = await transactionLog();
const runs = [0, 1, 2].map(() => measure(process.execPath, [join(ROOT, 'dist', 'bench', 'models-pipeline.js'), log]));
const seconds = median(runs.map((r) => r.seconds));
const peakMb = Math.max(...runs.map((r) => r.peakMb));
console.log(
  `(c) 2M-row log -> summary + BG/NBD + Gamma-Gamma + CLV, end to end: ${seconds.toFixed(2)} s, peak ${peakMb.toFixed(0)} MB  ` +
    `[target < 4 s and < 1 GB: ${verdict(seconds < 4 && peakMb < 1024)}]`,
);

/**
 * The log of (c), made once: customers simulated in blocks of 10,000 as above, first purchases
 * from 2024-01-01. Each customer's first purchase and their x repeat purchases become rows: the
 * last at t_x, the others on random days between (same-day ones then merge, as in real data);
 * values scatter ±20% around the customer's simulated mean (or 5-35 for one-time buyers).
 */
async function transactionLog(): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, 'transactions-2m.txt');
  if (existsSync(path)) return path;
  const started = performance.now();
  const rng = createRng(11);
  const start = dayFromIso('2024-01-01');
  const out = createWriteStream(`${path}.tmp`);
  const ymd = (day: number) => ymdFromDay(day).replaceAll('-', '');
  let rows = 0;
  let customer = 0;
  let batch = '';
  while (rows < LOG_ROWS) {
    const block = simulate(10_000, 1000 + customer);
    for (let i = 0; i < block.h.x.length && rows < LOG_ROWS; i++, customer++) {
      const id = customer + 1;
      const mean = block.monetary[i];
      const value = () => (mean > 0 ? mean * (0.8 + 0.4 * rng.next()) : 5 + 30 * rng.next()).toFixed(2);
      const first = start + Math.round((39 - block.h.T[i]) * 7);
      batch += `${id} ${ymd(first)} 1 ${value()}\n`;
      rows++;
      const x = block.h.x[i];
      const lastDay = Math.round(block.h.tx[i] * 7);
      for (let k = 1; k <= x && rows < LOG_ROWS; k++, rows++) {
        const day = k === x ? lastDay : 1 + Math.floor(rng.next() * Math.max(1, lastDay - 1));
        batch += `${id} ${ymd(first + day)} 1 ${value()}\n`;
      }
      if (batch.length > 1 << 20) {
        if (!out.write(batch)) await once(out, 'drain');
        batch = '';
      }
    }
  }
  out.end(batch);
  await finished(out);
  renameSync(`${path}.tmp`, path);
  console.log(
    `wrote ${path}: ${rows.toLocaleString('en-US')} rows, ${customer.toLocaleString('en-US')} customers, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return path;
}
