/**
 * `npm run bench:models` (issue 3 targets, 2-core machine), on customers simulated from the
 * published CDNOW BG/NBD parameters (seed 7): first purchases spread over the first 12 weeks on
 * whole days, observed to week 39 (so T varies by customer), purchase times on a day grid.
 *  (a) BG/NBD fit on 1,000,000 customers < 1 s;
 *  (b) Gamma-Gamma fit + expected spend + 12-month CLV for all 1,000,000 customers < 1 s
 *      (spend simulated from the published Gamma-Gamma parameters);
 *  (c) summary of a 2M-row transaction log + BG/NBD + Gamma-Gamma + CLV, end to end in a fresh
 *      process, < 4 s and < 1 GB peak memory.
 * (a) and (b) are timed in-process, median of 3 runs, simulation excluded.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { dayFromIso, ymdFromDay } from '../src/domain/analytics/day.js';
import {
  bgNbdForecast,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  simulateBgNbd,
  simulateGammaGamma,
  WEEKS_PER_MONTH,
} from '../src/domain/analytics/models/index.js';
import { createRng } from '../src/domain/random.js';
import { measure, median, OUT_DIR, ROOT } from './bench-support.js';

const BG_NBD = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const GAMMA_GAMMA = { p: 6.249349, q: 3.744256, gamma: 15.444307 };

function simulate(n: number, seed: number) {
  const rng = createRng(seed);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) T[i] = 39 - Math.floor(rng.next() * 84) / 7;
  const h = simulateBgNbd(BG_NBD, n, T, rng, { timeStep: 1 / 7 });
  const monetary = simulateGammaGamma(GAMMA_GAMMA, h.x, rng);
  return { h, monetary };
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = run();
  return { ms: performance.now() - t, value };
}

const line = (label: string, seconds: number, target: number, extra = '') =>
  `${label.padEnd(58)} ${seconds.toFixed(3)} s${extra}  [target < ${target} s: ${seconds < target ? 'meets target' : 'MISSES target'}]`;

// (a) and (b)
const { h, monetary } = simulate(1_000_000, 7);
const fits = [0, 1, 2].map(() => timed(() => fitBgNbd(h)));
const fit = fits[fits.length - 1].value;
console.log(line('(a) BG/NBD fit, 1,000,000 customers', median(fits.map((f) => f.ms)) / 1000, 1, `  (${fit.nGroups.toLocaleString('en-US')} distinct histories, r ${fit.params.r.toFixed(4)}, alpha ${fit.params.alpha.toFixed(3)}, a ${fit.params.a.toFixed(3)}, b ${fit.params.b.toFixed(3)})`));
const clvRuns = [0, 1, 2].map(() =>
  timed(() => {
    const keep: number[] = [];
    for (let i = 0; i < h.x.length; i++) if (h.x[i] > 0) keep.push(i);
    const spendFit = fitGammaGamma({ x: Float64Array.from(keep, (i) => h.x[i]), monetary: Float64Array.from(keep, (i) => monetary[i]) });
    const spend = gammaGammaExpectedSpend(spendFit.params, h.x, monetary);
    return customerLifetimeValue(bgNbdForecast(fit.params, h), spend, { months: 12, monthlyDiscountRate: 0.01, timeUnitsPerMonth: WEEKS_PER_MONTH });
  }),
);
console.log(line('(b) Gamma-Gamma fit + 12-month CLV, 1,000,000 customers', median(clvRuns.map((r) => r.ms)) / 1000, 1));

// (c) a 2M-row CDNOW-style log (`id YYYYMMDD quantity value`), written once.
mkdirSync(OUT_DIR, { recursive: true });
const log = join(OUT_DIR, 'transactions-2m.txt');
if (!existsSync(log)) {
  const rng = createRng(11);
  const start = dayFromIso('2024-01-01');
  const out = createWriteStream(`${log}.tmp`);
  let rows = 0;
  let customer = 0;
  let batch = '';
  while (rows < 2_000_000) {
    const { h: one, monetary: spend } = simulate(10_000, 1000 + customer);
    for (let i = 0; i < one.x.length && rows < 2_000_000; i++, customer++) {
      const first = start + Math.round((39 - one.T[i]) * 7);
      const value = (v: number) => (v > 0 ? v : 5 + 30 * rng.next()).toFixed(2);
      batch += `${customer + 1} ${ymdFromDay(first).replaceAll('-', '')} 1 ${value(spend[i])}\n`;
      rows++;
      // Repeat purchases: the last at t_x, the others at whole days before it.
      for (let k = 1; k <= one.x[i] && rows < 2_000_000; k++) {
        const at = k === one.x[i] ? one.tx[i] * 7 : Math.max(1, Math.floor(rng.next() * one.tx[i] * 7));
        batch += `${customer + 1} ${ymdFromDay(first + Math.round(at)).replaceAll('-', '')} 1 ${value(spend[i] * (0.8 + 0.4 * rng.next()))}\n`;
        rows++;
      }
      if (batch.length > 1 << 20) {
        if (!out.write(batch)) await once(out, 'drain');
        batch = '';
      }
    }
  }
  out.end(batch);
  await finished(out);
  renameSync(`${log}.tmp`, log);
}
const runs = [0, 1, 2].map(() => measure(process.execPath, [join(ROOT, 'dist', 'bench', 'models-pipeline.js'), log]));
const seconds = median(runs.map((r) => r.seconds));
const peakMb = Math.max(...runs.map((r) => r.peakMb));
const met = seconds < 4 && peakMb < 1024;
console.log(
  `${'(c) 2M-row log -> summary + BG/NBD + Gamma-Gamma + CLV'.padEnd(58)} ${seconds.toFixed(2)} s, peak ${peakMb.toFixed(0)} MB  [target < 4 s, < 1024 MB: ${met ? 'meets target' : 'MISSES target'}]`,
);
