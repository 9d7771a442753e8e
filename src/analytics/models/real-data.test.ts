/**
 * Robustness on real stores (test/fixtures/real): every model fits the per-customer summaries of
 * real transaction logs at several calibration ends without NaN or exceptions, and says so in its
 * warnings when the likelihood runs to a boundary (short histories where nobody seems to drop out).
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdForecast,
  bgNbdPAlive,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  gammaGammaExpectedSpend,
  mbgNbdExpectedPurchases,
  mbgNbdPAlive,
  paretoNbdExpectedPurchases,
  paretoNbdPAlive,
  WEEKS_PER_MONTH,
  type CountHistories,
  type FitResult,
} from './index.js';
import { dayOf, loadCdnowMaster, loadGrocery, loadOnlineRetail, summarise, type CountData } from './model.fixtures.js';

function expectSaneFit(fit: FitResult<object>): void {
  for (const v of Object.values(fit.params)) {
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(0);
  }
  expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  expect(Number.isFinite(fit.gradientNorm)).toBe(true);
  for (const se of Object.values(fit.standardErrors)) if (se !== null) expect(Number.isFinite(se) && se > 0).toBe(true);
  for (const w of fit.warnings) expect(typeof w).toBe('string');
  expect(fit.converged).toBe(true);
}

// One assertion per array (an expect() per customer would dominate the test's run time).
function expectProbabilities(values: Float64Array): void {
  expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
}

function expectFiniteNonNegative(values: Float64Array): void {
  expect(values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
}

function fitAllCountModels(d: CountHistories): {
  bg: FitResult<object>;
  mbg: FitResult<object>;
  pnbd: FitResult<object>;
} {
  const bg = fitBgNbd(d);
  const mbg = fitMbgNbd(d);
  const pnbd = fitParetoNbd(d);
  for (const f of [bg, mbg, pnbd]) expectSaneFit(f);
  expectProbabilities(bgNbdPAlive(bg.params as never, d));
  expectProbabilities(mbgNbdPAlive(mbg.params as never, d));
  expectProbabilities(paretoNbdPAlive(pnbd.params as never, d));
  expectFiniteNonNegative(bgNbdExpectedPurchases(bg.params as never, d, 52));
  expectFiniteNonNegative(mbgNbdExpectedPurchases(mbg.params as never, d, 52));
  expectFiniteNonNegative(paretoNbdExpectedPurchases(pnbd.params as never, d, 52));
  return { bg, mbg, pnbd };
}

function withSpend(d: CountData, bg: FitResult<object>): void {
  const gg = fitGammaGamma({ x: d.x, monetary: d.monetary });
  expectSaneFit(gg);
  const spend = gammaGammaExpectedSpend(gg.params as never, d.x, d.monetary);
  const clv = customerLifetimeValue(bgNbdForecast(bg.params as never, d), spend, {
    months: 12,
    monthlyDiscountRate: 0.01,
    timeUnitsPerMonth: WEEKS_PER_MONTH,
  });
  expectFiniteNonNegative(clv);
}

describe('models on the full CDNOW panel (23,570 customers)', () => {
  const log = loadCdnowMaster();
  it('fit at the 39-week calibration end (1997-09-30)', () => {
    const d = summarise(log, dayOf('1997-09-30'));
    expect(d.x.length).toBe(23570);
    const { bg } = fitAllCountModels(d);
    expect(bg.warnings).toEqual([]);
    // A repeat customer whose repeat purchases are all zero-valued (the log has 80 zero-value rows)
    // would be left out of Gamma-Gamma with a warning.
    withSpend(d, bg);
  });
  it('fit over the full span (1998-06-30)', () => {
    const d = summarise(log, dayOf('1998-06-30'));
    const { bg } = fitAllCountModels(d);
    withSpend(d, bg);
  });
});

describe('models on an online grocery (no amounts)', () => {
  const log = loadGrocery();
  for (const end of ['2006-12-31', '2007-12-30']) {
    it(`fit at ${end}`, () => {
      fitAllCountModels(summarise(log, dayOf(end)));
    });
  }
});

describe('models on the UCI online retailer', () => {
  const log = loadOnlineRetail();
  it('run to the no-dropout boundary on six months of history, with warnings', () => {
    const d = summarise(log, dayOf('2011-06-09'));
    const { bg, mbg, pnbd } = fitAllCountModels(d);
    expect(bg.warnings.join(' ')).toMatch(/a -> 0/);
    expect(mbg.warnings.join(' ')).toMatch(/a -> 0/);
    expect(pnbd.warnings.join(' ')).toMatch(/s -> 0|beta -> infinity/);
    // P(alive) is then close to 1 for everyone.
    expect(Math.min(...bgNbdPAlive(bg.params as never, d))).toBeGreaterThan(0.99);
    withSpend(d, bg);
  });
  it('fit over the full year and on six weeks of history', () => {
    for (const end of ['2011-12-09', '2011-01-15']) {
      const d = summarise(log, dayOf(end));
      const { bg } = fitAllCountModels(d);
      withSpend(d, bg);
    }
  });
});
